/** `ReadableStream.from` (Node >= 20.6, pull-based, calls `return()` on cancel), which TypeScript's DOM lib lacks. */
export function readableFrom<T>(iterable: AsyncIterable<T> | Iterable<T>): ReadableStream<T> {
  const withFrom = ReadableStream as unknown as {
    from<U>(source: AsyncIterable<U> | Iterable<U>): ReadableStream<U>
  }
  return withFrom.from(iterable)
}
