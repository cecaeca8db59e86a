// Test support for the format decoders (not part of the package API).

const encoder = new TextEncoder()

/** UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text)
}

/** Byte chunks from strings (UTF-8) or ready-made byte arrays. */
function toChunks(chunks: ReadonlyArray<string | Uint8Array>): Uint8Array[] {
  return chunks.map((chunk) => (typeof chunk === 'string' ? utf8(chunk) : chunk))
}

/**
 * A ReadableStream that serves `chunks` one per pull and records how it was cancelled.
 * `cancelled.count` / `cancelled.reason` tell whether (and with what) its underlying cancel() ran.
 */
export function byteStream(chunks: ReadonlyArray<string | Uint8Array>) {
  const queue = toChunks(chunks)
  const cancelled: { count: number; reason: unknown } = { count: 0, reason: undefined }
  let pulls = 0
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls++
        const next = queue.shift()
        if (next === undefined) controller.close()
        else controller.enqueue(next)
      },
      cancel(reason) {
        cancelled.count++
        cancelled.reason = reason
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, cancelled, pulls: () => pulls }
}

/** An async iterable of byte chunks whose iterator records `return()` calls. */
export function byteIterable(chunks: ReadonlyArray<string | Uint8Array>) {
  const queue = toChunks(chunks)
  const returned = { count: 0 }
  const iterator: AsyncIterableIterator<Uint8Array> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      const value = queue.shift()
      return value === undefined ? { done: true, value: undefined } : { done: false, value }
    },
    async return() {
      returned.count++
      return { done: true, value: undefined }
    },
  }
  return { iterable: iterator, returned }
}

/** A ReadableStream that never produces a chunk, so a read stays pending; records cancel(). */
export function silentStream() {
  const cancelled: { count: number; reason: unknown } = { count: 0, reason: undefined }
  const stream = new ReadableStream<Uint8Array>({
    cancel(reason) {
      cancelled.count++
      cancelled.reason = reason
    },
  })
  return { stream, cancelled }
}

/** `bytes` cut into single-byte chunks. */
export function byteByByte(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = []
  for (let i = 0; i < bytes.length; i++) chunks.push(bytes.subarray(i, i + 1))
  return chunks
}

/** Async iterable yielding `bytes` in chunks of `size` bytes, generated lazily (for very many chunks). */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

/** Every item of an async iterable, in order. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of iterable) items.push(item)
  return items
}

/** A text with 1-, 2-, 3- and 4-byte UTF-8 characters (ASCII, é, €, 中文, 😀, 𝄞). */
export const MULTI_BYTE_TEXT = 'aé€中文😀b𝄞ü'

/** Every way to cut `bytes` into two chunks, the empty cuts included: [[head, tail], ...]. */
export function everyTwoWaySplit(bytes: Uint8Array): Array<[Uint8Array, Uint8Array]> {
  const splits: Array<[Uint8Array, Uint8Array]> = []
  for (let i = 0; i <= bytes.length; i++) splits.push([bytes.subarray(0, i), bytes.subarray(i)])
  return splits
}
