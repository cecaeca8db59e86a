import { EncodeError } from '../errors/encode-error'
import { DEFAULT_ERROR_MESSAGE, type ErrorFrame } from '../errors/error-frame'

/**
 * Reads the payload of an error frame leniently, since a frame announces a failure whatever its shape:
 * an object with a string `message` keeps `message` and a string `code`; a non-empty string is the message;
 * anything else gives {@link DEFAULT_ERROR_MESSAGE}. Other properties are dropped.
 */
export function errorFrameFrom(value: unknown): ErrorFrame {
  if (typeof value === 'string') return { message: value || DEFAULT_ERROR_MESSAGE }
  if (typeof value === 'object' && value !== null) {
    const { message, code } = value as { message?: unknown; code?: unknown }
    if (typeof message === 'string') {
      return typeof code === 'string' ? { message, code } : { message }
    }
  }
  return { message: DEFAULT_ERROR_MESSAGE }
}

/**
 * The wire payload of an error frame: only `message` and `code`, so nothing else a server put on it leaks.
 * @throws {EncodeError} when `message` is not a string, or `code` is neither a string nor `undefined`.
 */
export function errorFramePayload(frame: ErrorFrame): ErrorFrame {
  if (typeof frame?.message !== 'string') throw new EncodeError('An error frame needs a string message')
  if (frame.code !== undefined && typeof frame.code !== 'string') {
    throw new EncodeError('The code of an error frame must be a string')
  }
  return frame.code === undefined ? { message: frame.message } : { message: frame.message, code: frame.code }
}
