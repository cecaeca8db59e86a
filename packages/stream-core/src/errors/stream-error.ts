const marker = Symbol.for('streamkit.error')

/** What went wrong, as a stable string a program can switch on. */
export type StreamErrorCode =
  /** The server answered with a non-2xx status before streaming (see {@link HttpError}). */
  | 'http'
  /** The server sent an in-band error frame mid-stream (see {@link ErrorFrameError}). */
  | 'frame'
  /** The bytes did not follow the wire format, e.g. an NDJSON line that is not JSON (see {@link ParseError}). */
  | 'parse'
  /** The connection failed or dropped (see {@link NetworkError}). */
  | 'network'
  /** A value could not be encoded for the wire, e.g. `undefined` or a `BigInt` in NDJSON (see {@link EncodeError}). */
  | 'encode'

/**
 * Base class of every error stream-core and stream-react produce. Check with `StreamError.isInstance(e)`,
 * which also works across bundles and realms, then switch on `code`.
 * @example
 * try {
 *   for await (const item of decodeNdjson(response.body)) render(item)
 * } catch (error) {
 *   if (StreamError.isInstance(error) && error.code === 'frame') showServerError(error.message)
 *   else throw error
 * }
 */
export class StreamError extends Error {
  readonly [marker] = true
  override readonly name: string = 'StreamError'
  readonly code: StreamErrorCode

  constructor(code: StreamErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }

  /** `true` for any stream-core error, even one from another copy of the package. */
  static isInstance(value: unknown): value is StreamError {
    return typeof value === 'object' && value !== null && marker in value
  }
}
