import type { ErrorFrame } from './error-frame'
import { StreamError } from './stream-error'

/**
 * The server reported an error mid-stream with an in-band error frame (SSE `event: error`, or the NDJSON
 * error envelope). `message` is what the server chose to show (masked by default); `frameCode` is the
 * optional code it sent.
 * @example
 * if (ErrorFrameError.isInstance(error)) console.warn('server failed mid-stream:', error.message)
 */
export class ErrorFrameError extends StreamError {
  override readonly name = 'ErrorFrameError'
  override readonly code = 'frame' as const
  /** The `code` field of the frame, if the server sent one. */
  readonly frameCode: string | undefined

  constructor(frame: ErrorFrame) {
    super('frame', frame.message)
    this.frameCode = frame.code
  }

  static override isInstance(value: unknown): value is ErrorFrameError {
    return StreamError.isInstance(value) && value.code === 'frame'
  }
}
