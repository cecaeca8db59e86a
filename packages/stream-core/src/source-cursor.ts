import type { StreamSource } from './source'

/** The one shape every source is read through: `next()` to pull, `return()` to settle early. */
interface SourceIterator<T> {
  next(): IteratorResult<T> | PromiseLike<IteratorResult<T>>
  return?(reason?: unknown): unknown
}

/** What a {@link SourceCursor} needs besides its source. */
export interface SourceCursorOptions {
  /** Aborting it settles the source (signal aborted, `return()` called) and then calls `onAbort`. */
  signal?: AbortSignal
  /**
   * Told of an abort of `signal` once the source is settled, before `return()` is awaited: the reader should
   * fail at once with `reason`, even while a `next()` is still pending.
   */
  onAbort?: (reason: unknown) => void
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined }

/**
 * A {@link StreamSource} opened for reading: the primitive under `toReadableStream` and `streamResponse`, so
 * both pull a source and settle it by the same rules.
 *
 * - The source is opened (a source function called, an iterator or reader taken) on the first `next()`.
 * - `next()` returns the iterator's step as it is: a result for a sync source, a promise of one for an async
 *   source, so a reader of a sync source pays no promise per item. The reader reports what the step came to
 *   with `end()` (a `done` result) or `fail(error)` (a thrown or rejected step): one settling rule, and no
 *   extra promise hop per item to watch the steps.
 * - The source is settled exactly once, by whichever comes first of `end()`, `fail(error)`, `cancel(reason)`
 *   and an abort of `options.signal`: the signal given to a source function aborts (with the reason), and on
 *   `cancel` / abort the iterator's `return()` (or the source stream's `cancel()`) runs. Nothing is pulled
 *   after that: `next()` returns `done`.
 */
export class SourceCursor<T> {
  readonly #source: StreamSource<T>
  readonly #signal: AbortSignal | undefined
  readonly #onAbort: ((reason: unknown) => void) | undefined
  #iterator: SourceIterator<T> | undefined
  #sourceAbort: AbortController | undefined
  #settled = false

  constructor(source: StreamSource<T>, options: SourceCursorOptions = {}) {
    this.#source = source
    this.#signal = options.signal
    this.#onAbort = options.onAbort
    if (!this.#signal) return
    if (this.#signal.aborted) this.#abort()
    else this.#signal.addEventListener('abort', this.#abort, { once: true })
  }

  /** `true` once the source is settled: its outcomes no longer matter and nothing more is pulled. */
  get settled(): boolean {
    return this.#settled
  }

  /**
   * Pulls the next item. Throws when opening the source or a sync `next()` throws; that error, like a
   * rejected step, must be reported with `fail(error)`.
   */
  next(): IteratorResult<T> | PromiseLike<IteratorResult<T>> {
    if (this.#settled) return DONE
    this.#iterator ??= this.#open()
    return this.#iterator.next()
  }

  /** The source ended (a `done` result): settles it, aborting a source function's signal. */
  end(): void {
    this.#settle(new DOMException('The stream ended.', 'AbortError'))
  }

  /** The source failed with `error`. `false` when it was already settled: the error is then moot. */
  fail(error: unknown): boolean {
    return this.#settle(error)
  }

  /**
   * Settles the source early (a consumer cancel, an item that cannot be sent): aborts a source function's
   * signal with `reason` and resolves once `return()` / `cancel()` has run. Does nothing when already settled.
   */
  async cancel(reason: unknown): Promise<void> {
    if (this.#settle(reason)) await this.#close(reason)
  }

  #open(): SourceIterator<T> {
    const source = this.#source
    if (typeof source !== 'function') return iterate(source)
    this.#sourceAbort = new AbortController()
    return iterate(source(this.#sourceAbort.signal))
  }

  /** Marks the source settled; `true` only for the first caller, so every path runs once. */
  #settle(reason: unknown): boolean {
    if (this.#settled) return false
    this.#settled = true
    this.#signal?.removeEventListener('abort', this.#abort)
    this.#sourceAbort?.abort(reason)
    return true
  }

  readonly #abort = (): void => {
    const reason = this.#signal?.reason
    if (!this.#settle(reason)) return
    this.#onAbort?.(reason)
    // Not awaited: a `next()` may be pending forever; `return()` then runs once it settles. The reader already
    // failed with the abort reason, so a failing `return()` has nobody left to report to.
    this.#close(reason).catch(() => {})
  }

  /** Closes a source that ended early: `return()` on an open iterator, or on a source never opened. */
  async #close(reason: unknown): Promise<void> {
    if (this.#iterator) {
      await this.#iterator.return?.(reason)
      return
    }
    const source = this.#source
    if (source instanceof ReadableStream) await source.cancel(reason)
    else if (typeof source !== 'function' && isIterator(source)) await source.return?.()
  }
}

/** `true` for a step still to come (a promise or other thenable), `false` for a result at hand. */
export function isPending<R>(step: R | PromiseLike<R>): step is PromiseLike<R> {
  return typeof (step as PromiseLike<R>).then === 'function'
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
