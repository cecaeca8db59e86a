import { StreamError } from './stream-error'

/**
 * The bytes received do not follow the wire format, e.g. an NDJSON line that is not valid JSON.
 * @example
 * if (ParseError.isInstance(error)) console.error(`bad line ${error.line}`)
 */
export class ParseError extends StreamError {
  override readonly name = 'ParseError'
  override readonly code = 'parse' as const
  /** 1-based line number in the stream where parsing failed, when known. */
  readonly line: number | undefined

  constructor(message: string, options?: { line?: number; cause?: unknown }) {
    super('parse', message, { cause: options?.cause })
    this.line = options?.line
  }

  static override isInstance(value: unknown): value is ParseError {
    return StreamError.isInstance(value) && value.code === 'parse'
  }
}
