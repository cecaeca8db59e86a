import { DEFAULT_ERROR_MESSAGE, type ErrorFrame } from './error-frame'

/**
 * Decides what the client sees when a stream fails, and is where server-side logging goes. Return a message,
 * a full {@link ErrorFrame} (with an application `code`), or nothing for {@link DEFAULT_ERROR_MESSAGE}.
 * Whatever is returned is sent as is, so never return the raw error's message unless it is meant for users.
 * @example
 * const onError: StreamErrorHandler = (error) => {
 *   logger.error({ error }, 'stream failed')
 *   if (error instanceof QuotaError) return { message: 'Quota exceeded', code: 'quota' }
 * }
 */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets a plain logging callback (`(e) => log(e)`) be a handler.
export type StreamErrorHandler = (error: unknown) => string | ErrorFrame | void

/**
 * The frame sent for `error`: `onError`'s choice, else {@link DEFAULT_ERROR_MESSAGE}. Only `message` and
 * `code` are copied, so nothing else rides along. Without `onError`, the error is logged with
 * `console.error` (server side) rather than swallowed.
 */
export function maskError(error: unknown, onError: StreamErrorHandler | undefined): ErrorFrame {
  if (!onError) {
    console.error('[streamkit] stream failed:', error)
    return { message: DEFAULT_ERROR_MESSAGE }
  }
  const chosen = onError(error)
  if (typeof chosen === 'string') return { message: chosen }
  if (chosen && typeof chosen.message === 'string') {
    return typeof chosen.code === 'string'
      ? { message: chosen.message, code: chosen.code }
      : { message: chosen.message }
  }
  return { message: DEFAULT_ERROR_MESSAGE }
}
