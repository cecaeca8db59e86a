/**
 * Batching of ready items into one chunk, without added latency.
 *
 * "Ready" means: the next read settles within a few dozen microtasks, i.e. the source already has the item
 * and only promise plumbing (generator, stream and adapter layers) stands between it and us. A source that
 * waits for I/O or a timer is never ready in that sense, so its items leave one chunk each, the moment they
 * are yielded. No timer is involved, so this works the same under fake timers.
 */

/** Enough for ~10 nested async-generator / stream layers (each costs 2-4 microtasks per item). */
const READY_MICROTASKS = 64

/** What a read came to: an item / the end, or the error the stream failed with. */
export type ReadOutcome<T> = { ok: true; result: ReadableStreamReadResult<T> } | { ok: false; error: unknown }

/**
 * A reader whose pending read survives a lost race: racing the next item against a heartbeat timer or a
 * readiness check never drops the item, the next `take()` returns it.
 */
export class PendingReader<T> {
  readonly #reader: ReadableStreamDefaultReader<T>
  #pending: Promise<ReadOutcome<T>> | undefined

  constructor(stream: ReadableStream<T>) {
    this.#reader = stream.getReader()
  }

  /** The next outcome without consuming it, or `undefined` when `deadline` resolves first. */
  peek(deadline?: Promise<unknown>): Promise<ReadOutcome<T> | undefined> {
    this.#pending ??= this.#reader.read().then(
      (result): ReadOutcome<T> => ({ ok: true, result }),
      (error: unknown): ReadOutcome<T> => ({ ok: false, error }),
    )
    if (!deadline) return this.#pending
    return Promise.race([this.#pending, deadline.then(() => undefined)])
  }

  /** `true` when the next read settles within a few microtasks, i.e. the source already had something. */
  async isReady(): Promise<boolean> {
    let settled = false
    void this.peek().then(() => {
      settled = true
    })
    for (let tick = 0; tick < READY_MICROTASKS && !settled; tick++) await undefined
    return settled
  }

  /** Consumes the next read: waits for it, and throws the error the stream failed with. */
  async take(): Promise<ReadableStreamReadResult<T>> {
    const outcome = (await this.peek()) as ReadOutcome<T>
    this.#pending = undefined
    if (!outcome.ok) throw outcome.error
    return outcome.result
  }

  cancel(reason?: unknown): Promise<void> {
    return this.#reader.cancel(reason)
  }
}

/** A run of encoded items read in one go, and why it stopped. */
export type Batch = { text: string; end: 'open' } | { text: string; end: 'done' } | FailedBatch

/** A batch cut short by an error: a read error, or an item `encode` rejected (`encoding: true`). */
export interface FailedBatch {
  text: string
  end: 'error'
  error: unknown
  encoding: boolean
}

/**
 * Waits for one item, then keeps taking items while they are ready and the encoded text stays under
 * `budgetBytes` (UTF-8); a budget of 0 takes one item per batch. Stops at the end of the stream or at the
 * first error (a read error, or an item `encode` rejects: `encoding: true`), keeping what was encoded before.
 */
export async function readBatch<T>(
  reader: PendingReader<T>,
  encode: (item: T) => string,
  budgetBytes: number,
): Promise<Batch> {
  let text = ''
  let bytes = 0
  for (;;) {
    let result: ReadableStreamReadResult<T>
    try {
      result = await reader.take()
    } catch (error) {
      return { text, end: 'error', error, encoding: false }
    }
    if (result.done) return { text, end: 'done' }
    try {
      const frame = encode(result.value)
      text += frame
      bytes += utf8Length(frame)
    } catch (error) {
      return { text, end: 'error', error, encoding: true }
    }
    if (bytes >= budgetBytes || !(await reader.isReady())) return { text, end: 'open' }
  }
}

/** UTF-8 byte length of a string, without encoding it (a budget, so a lone surrogate may count 1 byte high). */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2 // a surrogate pair: 4 bytes for 2 code units
      i++
    } else bytes += 2
  }
  return bytes
}
