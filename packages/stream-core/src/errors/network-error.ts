import { StreamError } from './stream-error'

/**
 * The request failed or the connection dropped before the stream ended. `cause` holds the original error.
 * @example
 * if (NetworkError.isInstance(error)) showOfflineBanner()
 */
export class NetworkError extends StreamError {
  override readonly name = 'NetworkError'
  override readonly code = 'network' as const

  constructor(message: string, options?: { cause?: unknown }) {
    super('network', message, options)
  }

  static override isInstance(value: unknown): value is NetworkError {
    return StreamError.isInstance(value) && value.code === 'network'
  }
}
