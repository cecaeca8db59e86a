/**
 * How the client spreads reconnection attempts over time: `'full'` picks a delay anywhere in
 * `[0, delay]`, `'equal'` in `[delay / 2, delay]`, `'none'` uses the exponential delay as is.
 * @example
 * const jitter: BackoffJitter = 'full' // many clients dropped at once come back spread out
 */
export type BackoffJitter = 'full' | 'equal' | 'none'

/**
 * Reconnection policy of an SSE session after the connection drops mid-stream.
 * @example
 * const session = createStreamSession({
 *   url: '/api/events',
 *   format: 'sse',
 *   reconnect: { maxRetries: 5, initialDelayMs: 500, maxDelayMs: 10_000, jitter: 'full' },
 * })
 */
export interface ReconnectOptions {
  /** Consecutive failed attempts before giving up with a `NetworkError`; `0` disables reconnecting. Default 3. */
  maxRetries?: number
  /** Delay before the first retry, doubled on each further one. A server `retry:` field replaces it. Default 1000. */
  initialDelayMs?: number
  /** Upper bound of the exponential delay, before jitter. Default 30000. */
  maxDelayMs?: number
  /** Randomisation of each delay, so clients dropped together do not return together. Default `'equal'`. */
  jitter?: BackoffJitter
  /** Source of randomness in `[0, 1)`; inject one in tests. Default `Math.random`. */
  random?: () => number
}

/** The reconnect options with every default filled in. */
export type ResolvedReconnectOptions = Required<ReconnectOptions>

const defaults: ResolvedReconnectOptions = {
  maxRetries: 3,
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  jitter: 'equal',
  random: Math.random,
}

/**
 * Fills in the defaults of a reconnect policy (`false` means never reconnect).
 * @example
 * resolveReconnectOptions({ maxRetries: 5 }).initialDelayMs // 1000
 */
export function resolveReconnectOptions(
  options: ReconnectOptions | false | undefined,
): ResolvedReconnectOptions {
  if (options === false) return { ...defaults, maxRetries: 0 }
  const resolved = { ...defaults }
  for (const key of Object.keys(defaults) as (keyof ReconnectOptions)[]) {
    if (options?.[key] !== undefined) Object.assign(resolved, { [key]: options[key] })
  }
  return resolved
}

/**
 * The delay before reconnection attempt number `attempt` (1-based): `baseDelayMs * 2^(attempt - 1)`, capped at
 * `maxDelayMs`, then jittered. Pure: the randomness comes from `options.random`.
 * @example
 * backoffDelay(3, resolveReconnectOptions({ jitter: 'none' }), 1000) // 4000
 */
export function backoffDelay(
  attempt: number,
  options: ResolvedReconnectOptions,
  baseDelayMs: number,
): number {
  const exponent = Math.max(0, attempt - 1)
  const delay = Math.min(options.maxDelayMs, baseDelayMs * 2 ** exponent)
  if (options.jitter === 'none') return delay
  const random = Math.min(Math.max(options.random(), 0), 1)
  if (options.jitter === 'full') return Math.round(delay * random)
  return Math.round(delay / 2 + (delay / 2) * random)
}
