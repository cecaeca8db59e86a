import type { ByteSource } from './byte-source'

/** Reads the chunks of a {@link ByteSource} one at a time and owns its cleanup. */
export interface ByteReader {
  /**
   * The next chunk, or `{ done: true }` once the source has ended. Rejects with the source's error, or with
   * `signal.reason` as soon as the signal aborts (even if the source never answers), after cancelling it.
   * The caller must report a `done` result or a rejection with `settled()`.
   */
  read(): Promise<IteratorResult<Uint8Array, unknown>>
  /** The source ended or failed by itself: it needs no cleanup, only its lock released. */
  settled(): void
  /**
   * Stops reading early: a `ReadableStream` is cancelled (with `signal.reason` after an abort) and its lock
   * released, an async iterator gets `return()`. Does nothing once the source is settled, or on a second
   * call. Also works before the first `read()`.
   */
  close(): Promise<void>
}

/**
 * Opens a byte source for reading, lazily: nothing is locked or pulled before the first `read()`.
 *
 * Without a signal, `read()` hands out the source's own promise: decoders read once per chunk and network
 * chunks can be tiny, so every wrapper (an async function, a generator layer) would add promise jobs to each.
 */
export function createByteReader(body: ByteSource, signal?: AbortSignal): ByteReader {
  return isReadableStream(body) ? streamReader(body, signal) : iterableReader(body, signal)
}

function isReadableStream(body: ByteSource): body is ReadableStream<Uint8Array> {
  return typeof (body as ReadableStream<Uint8Array>).getReader === 'function'
}

const DONE: IteratorResult<Uint8Array, undefined> = { done: true, value: undefined }

function streamReader(stream: ReadableStream<Uint8Array>, signal: AbortSignal | undefined): ByteReader {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  // The stream ended, failed or was closed by us: nothing left to clean up.
  let isSettled = false

  const close = async () => {
    if (isSettled) return
    isSettled = true
    const reason = signal?.aborted ? signal.reason : undefined
    if (!reader) {
      if (!stream.locked) await stream.cancel(reason)
      return
    }
    // cancel() also settles a read still pending after an abort, so the lock can then be released.
    try {
      await reader.cancel(reason)
    } finally {
      reader.releaseLock()
    }
  }

  return {
    read() {
      if (isSettled) return Promise.resolve(DONE)
      reader ??= stream.getReader()
      return signal ? readOrAbort(reader.read(), signal, close) : reader.read()
    },
    settled() {
      if (isSettled) return
      isSettled = true
      reader?.releaseLock()
    },
    close,
  }
}

function iterableReader(iterable: AsyncIterable<Uint8Array>, signal: AbortSignal | undefined): ByteReader {
  let iterator: AsyncIterator<Uint8Array> | undefined
  let isSettled = false
  // A next() call has not settled yet: only possible when an abort cut it short.
  let reading = false
  const doneReading = () => {
    reading = false
  }

  const close = async () => {
    if (isSettled) return
    isSettled = true
    iterator ??= iterable[Symbol.asyncIterator]()
    // An async generator queues return() behind a running next(): after an abort that could wait forever on
    // a source that never answers. Its outcome has nowhere to go either (the consumer already has the abort
    // reason), so in that one case return() is started, not awaited, and a failure of it is ignored.
    if (reading) iterator.return?.()?.catch(ignoreFailedCleanupAfterAbort)
    else await iterator.return?.()
  }

  return {
    read() {
      if (isSettled) return Promise.resolve(DONE)
      iterator ??= iterable[Symbol.asyncIterator]()
      if (!signal) return iterator.next()
      reading = true
      const next = iterator.next()
      next.then(doneReading, doneReading)
      return readOrAbort(next, signal, close)
    },
    settled() {
      isSettled = true
    },
    close,
  }
}

/**
 * Settles like `read`, or, as soon as `signal` aborts (also if it already has), closes the source and
 * rejects with `signal.reason` (or with the error closing it failed with).
 */
function readOrAbort<T>(read: Promise<T>, signal: AbortSignal, close: () => Promise<void>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // Set on abort: the read that closing settles (a cancelled stream answers `done`) must not win.
    let aborted = false
    const onAbort = () => {
      aborted = true
      close().then(() => reject(signal.reason), reject)
    }
    read.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        if (!aborted) resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        if (!aborted) reject(error)
      },
    )
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
}

function ignoreFailedCleanupAfterAbort(): void {}
