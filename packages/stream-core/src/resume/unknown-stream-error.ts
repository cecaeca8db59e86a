const marker = Symbol.for('streamkit.resume.unknown-stream')

/**
 * The resumable stream does not exist: it was never started here, its TTL passed, or (with Redis) its
 * producer died and its lease expired. `read` throws it; `response` answers such a request with a 404.
 * @example
 * try {
 *   for await (const record of store.read(id, { after: 0 })) handle(record)
 * } catch (error) {
 *   if (UnknownStreamError.isInstance(error)) return notFound()
 *   throw error
 * }
 */
export class UnknownStreamError extends Error {
  readonly [marker] = true
  override readonly name = 'UnknownStreamError'
  /** The id that was looked up. */
  readonly streamId: string

  constructor(streamId: string) {
    super(`Unknown resumable stream: ${streamId}`)
    this.streamId = streamId
  }

  /** `true` for an `UnknownStreamError`, even one from another copy of the package. */
  static isInstance(value: unknown): value is UnknownStreamError {
    return typeof value === 'object' && value !== null && marker in value
  }
}
