import { StreamError } from './stream-error'

/**
 * The server answered with a non-2xx status. `message` is the server's JSON error message when the body is
 * `{ "error": string }` or `{ "message": string }` (or `{ "error": { "message": string } }`), else the status text.
 * @example
 * if (HttpError.isInstance(error) && error.status === 413) alert('Message too long')
 */
export class HttpError extends StreamError {
  override readonly name = 'HttpError'
  override readonly code = 'http' as const
  /** The HTTP status code, e.g. 400. */
  readonly status: number
  /** The parsed JSON body if it was JSON, else the body text (possibly empty). */
  readonly body: unknown

  constructor(status: number, message: string, body: unknown) {
    super('http', message)
    this.status = status
    this.body = body
  }

  static override isInstance(value: unknown): value is HttpError {
    return StreamError.isInstance(value) && value.code === 'http'
  }
}
