const marker = Symbol.for('streamkit.resume.store-limit')

/**
 * Which bound of a store was reached: the number of streams, or the events or bytes of one stream.
 * @example
 * const limit: StoreLimit = 'bytes'
 */
export type StoreLimit = 'streams' | 'events' | 'bytes'

/**
 * A store bound was reached: too many running streams to create another (`'streams'`), or a stream grew past
 * its event count (`'events'`) or byte size (`'bytes'`). Events are never dropped to make room, since a
 * reader resuming from an early cursor would then miss them: the producer fails instead, and its readers get
 * the masked error frame.
 * @example
 * const streams = createResumableStreams({
 *   onError: (error) => (StoreLimitError.isInstance(error) ? 'This answer is too long to keep.' : undefined),
 * })
 */
export class StoreLimitError extends Error {
  readonly [marker] = true
  override readonly name = 'StoreLimitError'
  /** The bound that was reached. */
  readonly limit: StoreLimit

  constructor(limit: StoreLimit, message: string) {
    super(message)
    this.limit = limit
  }

  /** `true` for a `StoreLimitError`, even one from another copy of the package. */
  static isInstance(value: unknown): value is StoreLimitError {
    return typeof value === 'object' && value !== null && marker in value
  }
}
