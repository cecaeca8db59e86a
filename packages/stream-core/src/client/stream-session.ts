import { delay } from '../delay'
import { NetworkError } from '../errors/network-error'
import { ParseError } from '../errors/parse-error'
import { StreamError } from '../errors/stream-error'
import type { StreamFormat } from '../formats/byte-source'
import type { SseEvent } from '../formats/sse-types'
import { createAccumulator, type StreamReducer } from './accumulator'
import {
  backoffDelay,
  type ReconnectOptions,
  type ResolvedReconnectOptions,
  resolveReconnectOptions,
} from './backoff'
import { decodeBody } from './decode-body'
import { httpErrorFromResponse } from './http-error-from-response'
import { buildRequestInit, mergeStreamRequests, type StreamRequest } from './stream-request'
import type { DefaultStreamValue, StreamChunk, StreamState } from './stream-state'

/**
 * Options shared by every session, whatever builds its value.
 * @example
 * const options: StreamSessionBaseOptions<'text', unknown, string> = { url: '/api/story', format: 'text' }
 */
export interface StreamSessionBaseOptions<TFormat extends StreamFormat, TItem, TValue> extends StreamRequest {
  /** The wire format of the response body: `'text'`, `'ndjson'` or `'sse'`. */
  format: TFormat
  /**
   * SSE only: reconnect with exponential backoff when the connection drops mid-stream (or cannot be opened).
   * Never after a clean end, an error frame, an HTTP error or `stop()`. `false` disables it.
   */
  reconnect?: ReconnectOptions | false
  /** Sees every chunk as it is decoded (before any render batching). */
  onChunk?: (chunk: StreamChunk<TFormat, TItem>) => void
  /** Called once with the final value when the body ends cleanly (`'done'`). */
  onFinish?: (value: TValue) => void
  /** Called once with the error when a run ends in `'error'`. */
  onError?: (error: StreamError) => void
}

/**
 * Options of {@link createStreamSession}: the request, the format, and optionally a reducer with its initial
 * value. Without a reducer the value is the text (`'text'`) or the array of items / events. The request
 * fields and `reconnect` are read at each `start()`; the format and the reducer are fixed at creation.
 * @example
 * const options: StreamSessionOptions<'ndjson', Row, number> = {
 *   url: '/api/rows',
 *   format: 'ndjson',
 *   reduce: (count) => count + 1,
 *   initial: 0,
 * }
 */
export type StreamSessionOptions<TFormat extends StreamFormat, TItem, TValue> = StreamSessionBaseOptions<
  TFormat,
  TItem,
  TValue
> &
  (
    | { reduce?: undefined; initial?: undefined }
    | { reduce: (value: TValue, chunk: StreamChunk<TFormat, TItem>) => TValue; initial: TValue }
  )

/**
 * What a session notification is about: `'value'` when a chunk changed only the value (and the SSE last event
 * ID), `'state'` when the status or error changed. A UI layer can defer `'value'` changes to the next frame
 * and commit `'state'` changes at once.
 * @example
 * session.subscribe((change) => (change === 'state' ? renderNow() : renderNextFrame()))
 */
export type StreamChange = 'value' | 'state'

/**
 * Per-call input of `start()`: request fields override the session's (headers are merged), plus where to resume.
 * @example
 * session.start({ body: { prompt }, lastEventId: savedId })
 */
export interface StreamStartInput extends StreamRequest {
  /** SSE: resume after this event ID (sent as `Last-Event-ID` on the first request too). */
  lastEventId?: string
  /** Aborting it stops this run, like `stop()`. */
  signal?: AbortSignal
  /** SSE: the reconnect policy of this run, overriding the session's. */
  reconnect?: ReconnectOptions | false
}

/**
 * A framework-agnostic stream consumer: fetches, decodes, keeps a status and a value, aborts, restarts and
 * reconnects. Subscribe to it from any UI layer (`useSyncExternalStore`, a Vue ref, a Svelte store).
 * @example
 * const session = createStreamSession({ url: '/api/story', format: 'text' })
 * const unsubscribe = session.subscribe(() => render(session.getSnapshot().value))
 * await session.start({ body: { topic: 'otters' } })
 */
export interface StreamSession<TValue> {
  /**
   * Starts a run, aborting the previous one (none of its chunks land afterwards). Resolves, never rejects,
   * with the state the run ended in: `'done'`, `'error'` or `'aborted'`.
   */
  start(input?: StreamStartInput): Promise<StreamState<TValue>>
  /** Aborts the running request (the server sees the disconnect) and moves to `'aborted'`; no-op when not running. */
  stop(): void
  /** Aborts any run and goes back to `'idle'` with the initial value. */
  reset(): void
  /**
   * Calls `listener` after every change, every chunk included, with what changed (see {@link StreamChange});
   * returns the unsubscribe function. Compatible with `useSyncExternalStore`, which ignores the argument.
   */
  subscribe(listener: (change: StreamChange) => void): () => void
  /** The current immutable snapshot; the same object until something changes. */
  getSnapshot(): StreamState<TValue>
}

interface Run {
  readonly controller: AbortController
  readonly settle: (state: StreamState<unknown>) => void
}

/**
 * Creates a {@link StreamSession}. DOM-free: runs in browsers, workers, Node and edge runtimes.
 * @example
 * const session = createStreamSession({
 *   url: '/api/events',
 *   format: 'sse',
 *   reconnect: { maxRetries: 5 },
 *   onChunk: (event) => console.log(event.event, event.data),
 * })
 * const final = await session.start()
 * if (final.status === 'error') console.error(final.error?.message)
 */
export function createStreamSession<
  TFormat extends StreamFormat,
  TItem = unknown,
  TValue = DefaultStreamValue<TFormat, TItem>,
>(options: StreamSessionOptions<TFormat, TItem, TValue>): StreamSession<TValue> {
  type Chunk = StreamChunk<TFormat, TItem>
  const { format } = options
  const reducer = options.reduce
    ? ({ reduce: options.reduce, initial: options.initial } as StreamReducer<Chunk, TValue>)
    : undefined
  const accumulator = createAccumulator<Chunk, TValue>(format, reducer)
  const listeners = new Set<(change: StreamChange) => void>()
  let state: StreamState<TValue> = idleState()
  let valueChanged = false
  let current: Run | undefined

  function idleState(): StreamState<TValue> {
    return { status: 'idle', value: accumulator.value(), error: undefined, lastEventId: '', retries: 0 }
  }

  function notify(change: StreamChange): void {
    for (const listener of listeners) listener(change)
  }

  function getSnapshot(): StreamState<TValue> {
    if (valueChanged) {
      state = { ...state, value: accumulator.value() }
      valueChanged = false
    }
    return state
  }

  function update(patch: Partial<StreamState<TValue>>): void {
    state = { ...getSnapshot(), ...patch }
    notify('state')
  }

  function applyChunk(chunk: Chunk): void {
    try {
      accumulator.add(chunk)
      valueChanged = true
      options.onChunk?.(chunk)
    } catch (error) {
      throw StreamError.isInstance(error)
        ? error
        : new ParseError(`Handling a chunk failed: ${messageOf(error)}`, { cause: error })
    }
    notify('value')
  }

  function end(run: Run, patch: Partial<StreamState<TValue>>): void {
    current = undefined
    update(patch)
    run.settle(state)
  }

  function abortCurrent(): void {
    const run = current
    if (!run) return
    current = undefined
    run.controller.abort()
    run.settle({ ...getSnapshot(), status: 'aborted' })
  }

  async function execute(
    run: Run,
    request: StreamRequest,
    url: string | URL,
    reconnect: ResolvedReconnectOptions,
  ): Promise<void> {
    const isCurrent = () => current === run
    const { signal } = run.controller
    const fetchImpl = request.fetch ?? globalThis.fetch
    let baseDelayMs = reconnect.initialDelayMs
    let attempt = 0
    for (;;) {
      let connected = false
      try {
        const response = await fetchImpl(url, buildRequestInit(request, format, signal, state.lastEventId))
        if (!isCurrent()) {
          // A fetch that ignored the abort: close the body so the server still sees the client leave.
          response.body?.cancel().catch(ignoreCancelFailure)
          return
        }
        if (!response.ok) throw await httpErrorFromResponse(response)
        if (!isCurrent()) return
        connected = true
        update({ status: 'streaming' })
        if (response.body) {
          const chunks = decodeBody(response.body, format, {
            signal,
            lastEventId: state.lastEventId,
            onRetry: (ms) => {
              baseDelayMs = ms
            },
          })
          for await (const decoded of chunks) {
            if (!isCurrent()) return
            if (format === 'sse') {
              // The decoder carries the last event ID across connections (we pass it in), as EventSource does.
              const { id } = decoded as SseEvent
              if (id !== state.lastEventId || state.retries !== 0)
                state = { ...state, lastEventId: id, retries: 0 }
              attempt = 0
            }
            applyChunk(decoded as Chunk)
          }
        }
        if (!isCurrent()) return
        end(run, { status: 'done' })
        callSafely(() => options.onFinish?.(state.value))
        return
      } catch (error) {
        if (!isCurrent()) return
        const failure = StreamError.isInstance(error)
          ? error
          : new NetworkError(
              connected ? 'The connection dropped before the stream ended.' : 'The request failed.',
              { cause: error },
            )
        if (format === 'sse' && NetworkError.isInstance(failure) && attempt < reconnect.maxRetries) {
          attempt += 1
          update({ status: 'connecting', retries: attempt })
          await sleep(backoffDelay(attempt, reconnect, baseDelayMs), signal)
          if (!isCurrent()) return
          continue
        }
        const reported =
          attempt > 0
            ? new NetworkError(`The connection dropped and ${attempt} reconnection attempts failed.`, {
                cause: failure,
              })
            : failure
        end(run, { status: 'error', error: reported })
        callSafely(() => options.onError?.(reported))
        return
      }
    }
  }

  function start(input: StreamStartInput = {}): Promise<StreamState<TValue>> {
    const { lastEventId = '', signal: external, reconnect, ...override } = input
    // Read at each start, so a UI layer can hand in options that change between runs.
    const baseRequest: StreamRequest = {
      url: options.url,
      method: options.method,
      headers: options.headers,
      body: options.body,
      credentials: options.credentials,
      fetch: options.fetch,
    }
    const request = mergeStreamRequests(baseRequest, override)
    const url = request.url
    if (url === undefined || url === '')
      throw new TypeError('start(): no url given to the session or the call')
    abortCurrent()
    let settle: (state: StreamState<unknown>) => void = () => {}
    const settled = new Promise<StreamState<TValue>>((resolve) => {
      settle = resolve as (state: StreamState<unknown>) => void
    })
    const run: Run = { controller: new AbortController(), settle }
    current = run
    accumulator.reset()
    valueChanged = false
    state = { status: 'connecting', value: accumulator.value(), error: undefined, lastEventId, retries: 0 }
    notify('state')
    if (external?.aborted) {
      stop()
      return settled
    }
    external?.addEventListener('abort', () => current === run && stop(), {
      once: true,
      signal: run.controller.signal,
    })
    void execute(run, request, url, resolveReconnectOptions(reconnect ?? options.reconnect))
    return settled
  }

  function stop(): void {
    const run = current
    if (!run) return
    current = undefined
    run.controller.abort()
    update({ status: 'aborted' })
    run.settle(state)
  }

  function reset(): void {
    abortCurrent()
    accumulator.reset()
    valueChanged = false
    state = idleState()
    notify('state')
  }

  function subscribe(listener: (change: StreamChange) => void): () => void {
    // Wrapped so the same function can subscribe twice (e.g. Strict Mode) and unsubscribe each independently.
    const entry = (change: StreamChange) => listener(change)
    listeners.add(entry)
    return () => {
      listeners.delete(entry)
    }
  }

  return { start, stop, reset, subscribe, getSnapshot }
}

/** Waits `ms`, or less if the signal aborts first (never rejects: an abort is handled by the caller). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, signal).catch(() => {})
}

/** Runs a user callback; an error it throws is re-thrown asynchronously so it is reported, not swallowed. */
function callSafely(callback: () => void): void {
  try {
    callback()
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}

function ignoreCancelFailure(): void {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
