import { afterTurn, type TurnScheduler } from './next-turn'
import type { StreamSource } from './source'
import { isPending, SourceCursor } from './source-cursor'

/**
 * Batching of ready items into one chunk, without added latency.
 *
 * The rule: an item is never held back waiting for a later one. A batch takes items as long as the source
 * hands them over within the same turn of the event loop, i.e. while each `next()` settles through promise
 * plumbing alone (a generator that already has the value, an array, layers of async iterators). The first
 * time the batch has text and a `next()` is still pending when the turn ends (the source waits for a timer,
 * I/O, a model, another request), the batch is sent as it is. So a slow source sends each item as its own
 * chunk, one turn after it is yielded, and a busy one fills chunks up to the budget.
 *
 * The turn boundary is a `MessageChannel` message (see `next-turn.ts`), which test fake timers do not fake,
 * so the rule holds the same under `vi.useFakeTimers()`. There is no per-item cost: items are awaited
 * directly and the boundary is scheduled once per batch.
 *
 * Pull-based: the source is pulled only while a batch is being read, and at most one `next()` runs ahead
 * of what was sent (the pending one that ended the batch); its outcome is kept for the next batch.
 */

/** What one `next()` came to: an item / the end, or the error the source failed with. */
export type ReadOutcome<T> = { ok: true; result: IteratorResult<T> } | { ok: false; error: unknown }

/** A run of encoded items read in one go, and why it stopped. */
export type Batch = { text: string; end: 'open' } | { text: string; end: 'done' } | FailedBatch

/** A batch cut short by an error: a source error or abort, or an item `encode` rejected (`encoding: true`). */
export interface FailedBatch {
  text: string
  end: 'error'
  error: unknown
  encoding: boolean
}

/** The batch being read, until `resolve` sends it (or `undefined`: the deadline came first, nothing read). */
interface OpenBatch {
  text: string
  turnScheduled: boolean
  resolve(batch: Batch | undefined): void
}

/** Options of a {@link Coalescer}. */
export interface CoalescerOptions<T> {
  /** Aborting it settles the source and fails the pending or next read with `signal.reason`, at once. */
  signal?: AbortSignal
  /** One item to its frame; a throw ends the batch as an encoding error. */
  encode: (item: T) => string
  /**
   * UTF-16 units (`text.length`) a batch may hold; 0 sends one item per batch. Batches hold whole items: a
   * frame that would take a batch over the budget starts the next one, and a frame larger than the budget
   * is a batch of its own. Counted in units, not UTF-8 bytes, so no item is measured: a batch of `n` units
   * is `n` to `3n` bytes, and whoever sends it cuts the bytes to its own limit (`streamResponse` cuts
   * chunks at `coalesceBytes`, which only multi-byte text or a large item ever needs).
   */
  budgetUnits: number
  /** The turn boundary; the shared `MessageChannel` scheduler by default. */
  afterTurn?: TurnScheduler
}

/**
 * Reads a source (through a {@link SourceCursor}, so it is opened, settled and aborted by the same rules as
 * `toReadableStream`) as batches of encoded items, by the rule above. One reader at a time: `peek` and
 * `read` are not called while a `read` is pending.
 */
export class Coalescer<T> {
  readonly #cursor: SourceCursor<T>
  readonly #encode: (item: T) => string
  readonly #budget: number
  readonly #afterTurn: TurnScheduler
  /** An outcome that arrived while no batch was being read; the next `read` starts with it. */
  #held: ReadOutcome<T> | undefined
  /** A frame that would have taken the last batch over the budget: the next batch starts with it. */
  #carry = ''
  /** A `next()` is pending. */
  #waiting = false
  /** The source was aborted, cancelled or ended: later outcomes are dropped, nothing more is pulled. */
  #stopped = false
  #batch: OpenBatch | undefined
  /** A `peek` waiting for the pending `next()`. */
  #wake: (() => void) | undefined

  constructor(source: StreamSource<T>, options: CoalescerOptions<T>) {
    this.#cursor = new SourceCursor(source, {
      signal: options.signal,
      onAbort: (reason) => this.#abort(reason),
    })
    this.#encode = options.encode
    this.#budget = options.budgetUnits
    this.#afterTurn = options.afterTurn ?? afterTurn
  }

  /**
   * The next outcome without consuming it (the next `read` starts with it), or `undefined` when `deadline`
   * resolves first; the pending `next()` is kept either way.
   */
  peek(deadline?: Promise<unknown>): Promise<ReadOutcome<T> | undefined> {
    if (!this.#held && !this.#waiting) void this.#fill()
    if (this.#held) return Promise.resolve(this.#held)
    return new Promise((resolve) => {
      this.#wake = () => {
        this.#wake = undefined
        resolve(this.#held)
      }
      deadline?.then(() => resolve(undefined))
    })
  }

  /**
   * Reads one batch: waits for a first item, then takes items while the source has them ready and the text
   * stays under the budget. Stops at the end, at the first error (keeping the text before it), or at
   * the first turn boundary with a `next()` pending. Resolves `undefined` when `deadline` resolves while
   * nothing was read yet (the pending `next()` is kept).
   */
  read(deadline?: Promise<unknown>): Promise<Batch | undefined> {
    return new Promise((resolve) => {
      const batch: OpenBatch = { text: this.#carry, turnScheduled: false, resolve }
      this.#carry = ''
      this.#batch = batch
      const held = this.#held
      this.#held = undefined
      if (held) {
        if (!held.ok)
          return this.#finish(batch, { text: batch.text, end: 'error', error: held.error, encoding: false })
        if (!this.#accept(batch, held.result)) return
      } else if (this.#stopped) {
        return this.#finish(batch, { text: batch.text, end: 'done' })
      }
      // A `next()` still pending from an earlier batch lands in this one when it settles.
      if (!this.#waiting) void this.#fill()
      if (deadline && this.#batch === batch && isEmpty(batch)) {
        deadline.then(() => {
          if (this.#batch === batch && isEmpty(batch)) this.#finish(batch, undefined)
        })
      }
    })
  }

  /** The signal aborted with `reason`: the pending or next read fails with it, at once. */
  #abort(reason: unknown): void {
    this.#stopped = true
    const batch = this.#batch
    if (batch) {
      this.#finish(batch, { text: batch.text, end: 'error', error: reason, encoding: false })
      return
    }
    this.#held = { ok: false, error: reason }
    this.#wake?.()
  }

  /** Settles the source early (see `SourceCursor.cancel`); a pending read resolves with the end. */
  cancel(reason: unknown): Promise<void> {
    this.#stopped = true
    this.#held = undefined
    this.#carry = ''
    const batch = this.#batch
    if (batch) this.#finish(batch, { text: batch.text, end: 'done' })
    return this.#cursor.cancel(reason)
  }

  /**
   * The one loop that pulls the source: each outcome goes into the batch being read, if any, and the loop
   * goes on while that batch does; with no batch open (it was sent at a turn boundary, or this is a `peek`)
   * the outcome is held and the loop stops, so nothing is pulled without demand.
   */
  async #fill(): Promise<void> {
    for (;;) {
      let result: IteratorResult<T>
      try {
        const step = this.#cursor.next()
        if (isPending(step)) {
          this.#waiting = true
          const batch = this.#batch
          if (batch && !batch.turnScheduled && !isEmpty(batch)) this.#sendAtTurnEnd(batch)
          result = await step
          this.#waiting = false
        } else {
          result = step
        }
      } catch (error) {
        this.#waiting = false
        this.#failed(error)
        return
      }
      if (this.#stopped) return
      if (result.done) this.#cursor.end()
      const batch = this.#batch
      if (!batch) {
        this.#held = { ok: true, result }
        this.#wake?.()
        return
      }
      if (!this.#accept(batch, result)) return
    }
  }

  /** Sends `batch` as it is if it is still open when this turn of the event loop ends. */
  #sendAtTurnEnd(batch: OpenBatch): void {
    batch.turnScheduled = true
    this.#afterTurn(this.#turnEnded)
  }

  /**
   * The turn ended with a `next()` pending (else the batch would still be filling): the open batch, if it
   * has text, goes as it is. One function for every batch, holding nothing but the coalescer: a callback
   * holding its batch would keep each batch's text alive until the turn ends, which a source that is always
   * ready puts off for as long as it runs (hundreds of 64 KiB batches).
   */
  readonly #turnEnded = (): void => {
    const batch = this.#batch
    if (batch !== undefined && batch.text !== '') this.#finish(batch, { text: batch.text, end: 'open' })
  }

  #failed(error: unknown): void {
    if (this.#stopped || !this.#cursor.fail(error)) return
    this.#stopped = true
    const batch = this.#batch
    if (!batch) {
      this.#held = { ok: false, error }
      this.#wake?.()
      return
    }
    this.#finish(batch, { text: batch.text, end: 'error', error, encoding: false })
  }

  /** Adds a result to `batch`; `true` when the batch goes on (so the next item is pulled). */
  #accept(batch: OpenBatch, result: IteratorResult<T>): boolean {
    if (result.done) {
      this.#stopped = true
      this.#finish(batch, { text: batch.text, end: 'done' })
      return false
    }
    let frame: string
    try {
      frame = this.#encode(result.value)
    } catch (error) {
      this.#finish(batch, { text: batch.text, end: 'error', error, encoding: true })
      return false
    }
    const text = batch.text
    if (text !== '' && text.length + frame.length > this.#budget) {
      // Whole items only, and never over the budget: this frame starts the next batch.
      this.#carry = frame
      this.#finish(batch, { text, end: 'open' })
      return false
    }
    batch.text = text + frame
    if (batch.text.length < this.#budget) return true
    this.#finish(batch, { text: batch.text, end: 'open' })
    return false
  }

  #finish(batch: OpenBatch, result: Batch | undefined): void {
    if (this.#batch === batch) this.#batch = undefined
    batch.resolve(result)
  }
}

function isEmpty(batch: OpenBatch): boolean {
  return batch.text === ''
}
