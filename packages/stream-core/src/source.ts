/** Anything stream-core can pull items from. */
export type StreamSource<T> =
  | AsyncIterable<T>
  | Iterable<T>
  | ReadableStream<T>
  | ((signal: AbortSignal) => AsyncIterable<T> | Iterable<T> | ReadableStream<T>)

export interface ToReadableStreamOptions {
  highWaterMark?: number
  signal?: AbortSignal
}

/**
 * Placeholder, replaced by the real implementation.
 * @example
 * const stream = toReadableStream(['a', 'b'])
 */
export function toReadableStream<T>(
  source: StreamSource<T>,
  _options: ToReadableStreamOptions = {},
): ReadableStream<T> {
  if (source instanceof ReadableStream) return source
  const iterable = typeof source === 'function' ? source(new AbortController().signal) : source
  if (iterable instanceof ReadableStream) return iterable
  const iterator =
    Symbol.asyncIterator in iterable ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]()
  return new ReadableStream<T>({
    async pull(controller) {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}
