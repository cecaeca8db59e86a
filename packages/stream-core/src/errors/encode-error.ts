import { StreamError } from './stream-error'

/**
 * A value cannot be written in the chosen wire format, e.g. `undefined`, a function or a `BigInt` as NDJSON,
 * or an SSE `id` / `event` containing a line break.
 * @example
 * encodeNdjson(undefined) // throws EncodeError
 */
export class EncodeError extends StreamError {
  override readonly name = 'EncodeError'
  override readonly code = 'encode' as const

  constructor(message: string, options?: { cause?: unknown }) {
    super('encode', message, options)
  }

  static override isInstance(value: unknown): value is EncodeError {
    return StreamError.isInstance(value) && value.code === 'encode'
  }
}
