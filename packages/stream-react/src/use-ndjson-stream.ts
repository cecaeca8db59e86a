'use client'

import type { InferStreamItem, StreamSessionBaseOptions } from '@streamkit/stream-core'
import { useMemo } from 'react'
import { type StreamHookOptions, type UseStreamResult, useStream } from './use-stream'

/**
 * The item type of a stream, given either the item type itself or a route handler's type: for a function type
 * it is {@link InferStreamItem} of it (what its `StreamResponse` carries), for anything else the type itself.
 * Stream items are JSON, so an item type is never a function.
 * @example
 * import type { GET } from '@/app/api/records/route'
 * type Row = StreamItemOf<typeof GET> // same as InferStreamItem<typeof GET>
 */
export type StreamItemOf<T> = T extends (...args: never[]) => unknown ? InferStreamItem<T> : T

/**
 * Options of {@link useNdjsonStream}: the request, callbacks (`onChunk` sees every item), `throttleMs`, `autoStart`.
 * @example
 * const options: UseNdjsonStreamOptions<Row> = { onChunk: (row) => console.log(row.id) }
 */
export type UseNdjsonStreamOptions<TItem> = Omit<
  StreamSessionBaseOptions<'ndjson', TItem, TItem[]>,
  'format' | 'url' | 'reconnect'
> &
  StreamHookOptions

/**
 * What {@link useNdjsonStream} returns: the items so far, the status, the error and the controls.
 * @example
 * const { items, status }: UseNdjsonStreamResult<Row> = useNdjsonStream<Row>('/api/records')
 */
export interface UseNdjsonStreamResult<TItem>
  extends Omit<UseStreamResult<TItem[]>, 'value' | 'lastEventId' | 'retries'> {
  /** The items received so far, in order; a new array whenever it changes. */
  items: TItem[]
}

/**
 * Streams an NDJSON response into an array of items, rendered at most once per animation frame. The type
 * argument is the item type, or the route handler's type (see {@link StreamItemOf}), so a route's items reach
 * the component without a cast. An in-band `{"$error":...}` line ends the stream with an `ErrorFrameError`.
 * @example
 * import type { GET } from '@/app/api/records/route'
 *
 * function Records() {
 *   const { items, status, start } = useNdjsonStream<typeof GET>('/api/records', { autoStart: true })
 *   return <ul>{items.map((row) => <li key={row.id}>{row.name}</li>)}</ul>
 * }
 */
export function useNdjsonStream<T = unknown>(
  url: string | URL,
  options: UseNdjsonStreamOptions<StreamItemOf<T>> = {},
): UseNdjsonStreamResult<StreamItemOf<T>> {
  const { value, status, error, start, stop, reset } = useStream<'ndjson', StreamItemOf<T>>({
    ...options,
    url,
    format: 'ndjson',
  })
  return useMemo(
    () => ({ items: value, status, error, start, stop, reset }),
    [value, status, error, start, stop, reset],
  )
}
