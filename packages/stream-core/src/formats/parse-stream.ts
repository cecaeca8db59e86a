import { createByteReader } from './byte-reader'
import type { ByteSource } from './byte-source'
import type { DecodeOptions } from './decode-options'

/** What `parseStream` feeds: a push parser that takes bytes (every `PushParser` does). */
export interface ByteParser {
  feed(chunk: Uint8Array): void
  end(): void
}

/**
 * The loop behind every decoder: bytes -> a push parser (which decodes the UTF-8 itself) -> the items it
 * emits, served in order by an async iterator.
 *
 * - Items the parser emitted before it threw are served first, then the error is thrown and the source
 *   cancelled.
 * - `return()` (what `break` calls) cancels the source, also before the first `next()`; an abort of
 *   `options.signal` rejects the pending `next()` (or the next one) with `signal.reason` and cancels it too.
 *
 * Hand-written rather than an async generator: items already parsed are served with one resolved promise
 * each, which makes per-item overhead several times smaller than a generator's `yield`.
 */
export function parseStream<T>(
  body: ByteSource,
  options: DecodeOptions | undefined,
  createParser: (emit: (item: T) => void) => ByteParser,
): AsyncIterableIterator<T> {
  const signal = options?.signal
  let queue: T[] = []
  let head = 0
  const parser = createParser((item) => {
    queue.push(item)
  })
  const source = createByteReader(body, signal)
  let finished = false
  // What the parser threw, held back until the items it emitted before have been served.
  let failure: { error: unknown } | undefined
  // The call (next / return) in progress: calls made meanwhile wait for it, as with an async generator.
  let busy: Promise<unknown> | undefined

  const done = (): IteratorResult<T> => ({ done: true, value: undefined })

  const close = async () => {
    finished = true
    queue = []
    head = 0
    await source.close()
  }

  const pull = async (): Promise<IteratorResult<T>> => {
    while (true) {
      if (head < queue.length) {
        if (signal?.aborted) {
          await close()
          throw signal.reason
        }
        return { done: false, value: queue[head++] as T }
      }
      if (failure) {
        const { error } = failure
        failure = undefined
        await close()
        throw error
      }
      if (finished) return done()
      if (head > 0) {
        queue = []
        head = 0
      }
      let next: IteratorResult<Uint8Array, unknown>
      try {
        next = await source.read()
      } catch (error) {
        // A failed source needs no cleanup; after an abort the reader has already closed it.
        finished = true
        source.settled()
        throw error
      }
      try {
        if (next.done) {
          finished = true
          source.settled()
          parser.end()
        } else {
          parser.feed(next.value)
        }
      } catch (error) {
        failure = { error }
      }
    }
  }

  const serialize = <R>(call: () => Promise<R>): Promise<R> => {
    const result = busy ? busy.then(call, call) : call()
    busy = result
    // Registered before the caller's own reaction, so a caller resuming on `result` already sees it cleared.
    const clear = () => {
      if (busy === result) busy = undefined
    }
    result.then(clear, clear)
    return result
  }

  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next() {
      // Fast path: an item already parsed, nothing in progress.
      if (!busy && head < queue.length && !signal?.aborted) {
        return Promise.resolve({ done: false, value: queue[head++] as T })
      }
      return serialize(pull)
    },
    return() {
      return serialize(async () => {
        if (!finished) await close()
        return done()
      })
    },
  }
  return iterator
}
