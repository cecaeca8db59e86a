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

/** The one shape every source is read through: `next()` to pull, `return()` to settle early. */
interface SourceIterator<T> {
  next(): IteratorResult<T> | Promise<IteratorResult<T>>
  return?(reason?: unknown): unknown
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
  let iterator: SourceIterator<T> | undefined
  let sourceAbort: AbortController | undefined
  let settled = false
  let onAbort: (() => void) | undefined

  function open(): SourceIterator<T> {
    if (typeof source !== 'function') return iterate(source)
    sourceAbort = new AbortController()
    return iterate(source(sourceAbort.signal))
  }

  /** Marks the source settled; `true` only for the first caller, so every path below runs once. */
  function settle(reason: unknown): boolean {
    if (settled) return false
    settled = true
    if (onAbort) signal?.removeEventListener('abort', onAbort)
    sourceAbort?.abort(reason)
    return true
  }

  /** Closes a source that ended early: `return()` on an open iterator, or on a source never opened. */
  async function close(reason: unknown): Promise<void> {
    if (iterator) {
      await iterator.return?.(reason)
      return
    }
    if (source instanceof ReadableStream) await source.cancel(reason)
    else if (typeof source !== 'function' && isIterator(source)) await source.return?.()
  }

  return new ReadableStream<T>(
    {
      start(controller) {
        if (!signal) return
        onAbort = () => {
          if (!settle(signal.reason)) return
          controller.error(signal.reason)
          // Not awaited: a `next()` may be pending forever; `return()` then runs once it settles. The stream is
          // already errored with the abort reason, so a failing `return()` has nobody left to report to.
          close(signal.reason).catch(() => {})
        }
        if (signal.aborted) onAbort()
        else signal.addEventListener('abort', onAbort, { once: true })
      },

      async pull(controller) {
        let result: IteratorResult<T>
        try {
          iterator ??= open()
          result = await iterator.next()
        } catch (error) {
          if (settle(error)) controller.error(error)
          return
        }
        if (settled) return
        if (result.done) {
          settle(new DOMException('The stream ended.', 'AbortError'))
          controller.close()
          return
        }
        controller.enqueue(result.value)
      },

      async cancel(reason) {
        const cause = reason ?? new DOMException('The stream was cancelled.', 'AbortError')
        if (settle(cause)) await close(cause)
      },
    },
    { highWaterMark },
  )
}

function iterate<T>(source: AsyncIterable<T> | Iterable<T> | ReadableStream<T>): SourceIterator<T> {
  if (source instanceof ReadableStream) {
    const reader = source.getReader()
    return {
      next: () => reader.read() as Promise<IteratorResult<T>>,
      return: (reason) => reader.cancel(reason),
    }
  }
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]()
  return source[Symbol.iterator]()
}

function isIterator(value: object): value is SourceIterator<unknown> {
  return 'next' in value && typeof value.next === 'function'
}
