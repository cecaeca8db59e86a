import type { StreamError } from '../errors/stream-error'
import type { StreamFormat } from '../formats/byte-source'
import type { SseEvent } from '../formats/sse-types'

/**
 * Where a stream session is: `'idle'` before `start()` and after `reset()`; `'connecting'` while the request
 * (or an SSE reconnection) is under way; `'streaming'` once a 2xx response arrived; then exactly one of
 * `'done'` (the body ended cleanly), `'error'` or `'aborted'` (`stop()`, or a newer `start()`).
 * @example
 * const busy = (status: StreamStatus) => status === 'connecting' || status === 'streaming'
 */
export type StreamStatus = 'idle' | 'connecting' | 'streaming' | 'done' | 'error' | 'aborted'

/**
 * A snapshot of a stream session. Snapshots are immutable: every change produces a new object, so
 * `useSyncExternalStore` and other reference-equality stores see changes and nothing else.
 * @example
 * const { status, value, error } = session.getSnapshot()
 * if (status === 'error') console.error(error?.code, error?.message)
 */
export interface StreamState<TValue> {
  /** See {@link StreamStatus}. */
  status: StreamStatus
  /** What the chunks built so far: the text, the items, the events, or the reducer's value. */
  value: TValue
  /**
   * Why the stream failed when `status` is `'error'`: an `HttpError` (non-2xx, with the server's JSON
   * message), an `ErrorFrameError` (in-band error frame), a `ParseError` (bad bytes, or a reducer/onChunk
   * that threw, kept as `cause`), a `NetworkError`, or an `EncodeError` (a request body JSON cannot encode).
   */
  error: StreamError | undefined
  /** SSE: the last event ID seen, sent as `Last-Event-ID` on reconnection; `''` when none (and for other formats). */
  lastEventId: string
  /** SSE: the current count of consecutive reconnection attempts; back to 0 once an event arrives. */
  retries: number
}

/**
 * The type of one chunk of a format: a `string` for text, an item `TItem` for NDJSON, an {@link SseEvent} for SSE.
 * @example
 * type Delta = StreamChunk<'text'> // string
 */
export type StreamChunk<TFormat extends StreamFormat, TItem = unknown> = TFormat extends 'text'
  ? string
  : TFormat extends 'sse'
    ? SseEvent
    : TItem

/**
 * The value a session builds without a reducer: the concatenated text, or the array of items / events.
 * @example
 * type Rows = DefaultStreamValue<'ndjson', Row> // Row[]
 */
export type DefaultStreamValue<TFormat extends StreamFormat, TItem = unknown> = TFormat extends 'text'
  ? string
  : StreamChunk<TFormat, TItem>[]

/**
 * `true` for the statuses a run ends in: `'done'`, `'error'`, `'aborted'`.
 * @example
 * if (isFinalStatus(session.getSnapshot().status)) showRetryButton()
 */
export function isFinalStatus(status: StreamStatus): boolean {
  return status === 'done' || status === 'error' || status === 'aborted'
}
