'use client'

import type { SseEvent, StreamSessionBaseOptions } from '@streamkit/stream-core'
import { useMemo } from 'react'
import { type StreamHookOptions, type UseStreamResult, useStream } from './use-stream'

/**
 * Options of {@link useEventStream}: the request (POST bodies and headers work, unlike `EventSource`),
 * `reconnect` (`{ maxRetries, initialDelayMs, maxDelayMs, jitter }` or `false`), callbacks (`onChunk` sees
 * every event), `throttleMs`, `autoStart`.
 * @example
 * const options: UseEventStreamOptions = { reconnect: { maxRetries: 5 }, onChunk: (event) => log(event) }
 */
export type UseEventStreamOptions = Omit<
  StreamSessionBaseOptions<'sse', SseEvent, SseEvent[]>,
  'format' | 'url'
> &
  StreamHookOptions

/**
 * What {@link useEventStream} returns: the events so far, the last event ID, the reconnection count, the
 * status, the error and the controls.
 * @example
 * const { events, lastEventId, retries }: UseEventStreamResult = useEventStream('/api/events')
 */
export interface UseEventStreamResult extends Omit<UseStreamResult<SseEvent[]>, 'value'> {
  /** The events received so far, across reconnections, in order. */
  events: SseEvent[]
}

/**
 * Server-Sent Events over `fetch`: collects the events of an SSE response, rendered at most once per animation
 * frame. On a network drop it reconnects with exponential backoff and jitter, honours the server's `retry:`
 * and sends `Last-Event-ID`; never after a clean end, an error frame (`ErrorFrameError`), an HTTP error or
 * `stop()`. To build something else than an event list (e.g. the text of AI deltas), use `useStream` with
 * `format: 'sse'` and a reducer.
 * @example
 * function Progress() {
 *   const { events, status, retries, start, stop } = useEventStream('/api/jobs/42/progress', { autoStart: true })
 *   const last = events.at(-1)
 *   return <p>{status === 'connecting' && retries > 0 ? 'Reconnecting…' : last?.data}</p>
 * }
 */
export function useEventStream(url: string | URL, options: UseEventStreamOptions = {}): UseEventStreamResult {
  const { value, status, error, lastEventId, retries, start, stop, reset } = useStream<'sse'>({
    ...options,
    url,
    format: 'sse',
  })
  return useMemo(
    () => ({ events: value, status, error, lastEventId, retries, start, stop, reset }),
    [value, status, error, lastEventId, retries, start, stop, reset],
  )
}
