import { SourceCursor } from './source-cursor'

/**
 * Anything stream-core can pull items from: an async or sync iterable (a generator, an array, a DB cursor),
 * a `ReadableStream`, or a function that receives an `AbortSignal` and returns one of those, so a generator
 * can hand the signal on to `fetch`, `streamText` or a database driver.
 * @example
 * const source: StreamSource<string> = async function* (signal) {
 *   const response = await fetch('https://example.com/words', { signal })
 *   for await (const word of decodeNdjson<string>(response.body!)) yield word
 * }
 */
export type StreamSource<T> =
  | AsyncIterable<T>
  | Iterable<T>
  | ReadableStream<T>
  | ((signal: AbortSignal) => AsyncIterable<T> | Iterable<T> | ReadableStream<T>)

/**
 * Options of {@link toReadableStream}.
 * @example
 * const options: ToReadableStreamOptions = { highWaterMark: 4, signal: request.signal }
 */
export interface ToReadableStreamOptions {
  /** How many items may be pulled ahead of the consumer. Default 1; 0 pulls only when the consumer reads. */
  highWaterMark?: number
  /** Aborting it errors the stream with `signal.reason` and settles the source, like a consumer cancel. */
  signal?: AbortSignal
}

/**
 * Turns a {@link StreamSource} into a pull-based `ReadableStream`: the source's `next()` is called once per
 * pull, so it is never more than `highWaterMark` items ahead of the consumer (unlike a `start()` loop that
 * drains it eagerly).
 *
 * The source is settled exactly once, whatever ends the stream first:
 * - consumer `cancel(reason)`: the signal given to a source function aborts with `reason` (an `AbortError`
 *   `DOMException` when none is given), then the iterator's `return()` (or the source stream's `cancel()`) is
 *   awaited, so `finally` blocks close cursors before `cancel()` resolves;
 * - `options.signal` aborts: the stream errors at once with `signal.reason`, even while a `next()` is still
 *   pending, the source signal aborts and `return()` is called;
 * - the source ends: the stream closes and the source signal aborts (nothing is left to cancel);
 * - the source throws: the stream errors with that error and the source signal aborts with it.
 *
 * A source function is called on the first pull, not before. Nothing is pulled after the source settled.
 * Items of a sync iterable are passed on as they are (promises are not awaited).
 * @example
 * async function* rows(signal: AbortSignal) {
 *   const cursor = db.query('select * from events', { signal })
 *   try {
 *     for await (const row of cursor) yield row
 *   } finally {
 *     await cursor.close() // runs on cancel, on abort and at the end
 *   }
 * }
 * const stream = toReadableStream(rows, { signal: request.signal })
 */
export function toReadableStream<T>(
  source: StreamSource<T>,
  options: ToReadableStreamOptions = {},
): ReadableStream<T> {
  const { highWaterMark = 1, signal } = options
  let cursor: SourceCursor<T>

  return new ReadableStream<T>(
    {
      start(controller) {
        cursor = new SourceCursor(source, { signal, onAbort: (reason) => controller.error(reason) })
      },

      async pull(controller) {
        let result: IteratorResult<T>
        try {
          result = await cursor.next()
        } catch (error) {
          if (cursor.fail(error)) controller.error(error)
          return
        }
        if (cursor.settled) return
        if (result.done) {
          cursor.end()
          controller.close()
          return
        }
        controller.enqueue(result.value)
      },

      cancel(reason) {
        return cursor.cancel(reason ?? new DOMException('The stream was cancelled.', 'AbortError'))
      },
    },
    { highWaterMark },
  )
}
