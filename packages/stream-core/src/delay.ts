/**
 * Resolves after `ms`, or rejects with `signal.reason` as soon as the signal aborts, so a source waiting
 * between items (a page fetch, a job step, an LLM's pacing) reaches its `finally` at once when the client
 * goes away instead of at the end of the wait. The timer and the listener are removed either way.
 * @example
 * async function* ticks(signal: AbortSignal) {
 *   for (let n = 1; ; n++) {
 *     yield n
 *     await delay(1000, signal) // rejects on disconnect: the generator stops here
 *   }
 * }
 * return streamResponse(ticks, { format: 'ndjson', signal: request.signal })
 */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
