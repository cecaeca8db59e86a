import type { StreamFormat } from './formats/byte-source'

declare const streamItem: unique symbol

/**
 * A `Response` that remembers, in its type only, the item type and wire format of its stream. Returned by
 * `streamResponse`, so a route's item type can flow to the client with {@link InferStreamItem}.
 * @example
 * export function GET(): StreamResponse<Row, 'ndjson'> {
 *   return streamResponse(rows(), { format: 'ndjson' })
 * }
 */
export interface StreamResponse<TItem, TFormat extends StreamFormat = StreamFormat> extends Response {
  readonly [streamItem]?: { item: TItem; format: TFormat }
}

/**
 * The item type a route handler streams, read from the handler's type: use it with `import type` in a
 * client component so the hook's items are typed without a cast.
 * @example
 * import type { GET } from '@/app/api/records/route'
 * type Row = InferStreamItem<typeof GET> // the route's item type
 * const { items } = useNdjsonStream<Row>('/api/records')
 */
export type InferStreamItem<T> = T extends (...args: never[]) => infer R
  ? InferStreamItem<Awaited<R>>
  : T extends StreamResponse<infer TItem, StreamFormat>
    ? TItem
    : never
