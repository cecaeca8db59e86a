import { EncodeError } from '../errors/encode-error'
import type { ErrorFrame } from '../errors/error-frame'
import { SSE_ERROR_EVENT } from '../errors/error-frame'
import type { ByteSource } from './byte-source'
import type { DecodeOptions } from './decode-options'
import { encodeJson } from './encode-json'
import { errorFramePayload } from './error-frame-from'
import { parseStream } from './parse-stream'
import { createSseParser } from './sse-parser'
import type { SseEvent, SseMessage } from './sse-types'

const LINE_BREAK = /\r\n|\r|\n/

/**
 * Encodes one Server-Sent Events message as a complete frame ending in a blank line.
 *
 * - `comment` comes first, as `: text` lines (one per line of the comment);
 * - then `event:`, `id:`, `retry:`;
 * - `data`: a string is sent as-is, split into one `data:` line per line (CR, LF or CRLF), so the client
 *   receives it with LF line breaks; any other value is sent as JSON on one line;
 * - a message with no field at all becomes an empty comment (`:\n\n`), which clients ignore.
 *
 * A message without `data` dispatches no event, but its `id` / `retry` still take effect on the client.
 * @throws {EncodeError} when `event` or `id` contains CR or LF, `id` contains NUL or is a non-finite number,
 * `retry` is not a non-negative integer, a field has the wrong type, or `data` cannot be JSON.
 * @example
 * encodeSse({ event: 'progress', id: 3, data: { percent: 40 } })
 * // 'event: progress\nid: 3\ndata: {"percent":40}\n\n'
 * encodeSse({ data: 'line 1\nline 2' }) // 'data: line 1\ndata: line 2\n\n'
 * encodeSse({ comment: 'ping' }) // ': ping\n\n'
 */
export function encodeSse(message: SseMessage): string {
  if (typeof message !== 'object' || message === null) {
    throw new EncodeError('An SSE message must be an object')
  }
  const { event, data, id, retry, comment } = message
  let frame = ''
  if (comment !== undefined) {
    if (typeof comment !== 'string') throw new EncodeError('An SSE comment must be a string')
    frame += prefixLines(':', comment)
  }
  if (event !== undefined) {
    if (typeof event !== 'string') throw new EncodeError('An SSE event name must be a string')
    if (hasLineBreak(event)) throw new EncodeError('An SSE event name must not contain CR or LF')
    frame += field('event', event)
  }
  if (id !== undefined) frame += field('id', encodeId(id))
  if (retry !== undefined) {
    if (typeof retry !== 'number' || !Number.isSafeInteger(retry) || retry < 0) {
      throw new EncodeError(`SSE retry must be a non-negative integer of milliseconds, got ${String(retry)}`)
    }
    frame += `retry: ${retry}\n`
  }
  if (data !== undefined) frame += dataLines(data)
  return frame === '' ? ':\n\n' : `${frame}\n`
}

/**
 * The frame of a message that has only `data`: the same bytes as `encodeSse({ data })`, without building
 * the message object. `streamResponse` encodes plain items with it, once per item.
 * @internal
 */
export function encodeSseData(data: unknown): string {
  // The common case (one line of text) in one concatenation: this runs once per streamed item.
  if (typeof data === 'string' && data !== '' && !hasLineBreak(data)) return `data: ${data}\n\n`
  return `${dataLines(data)}\n`
}

function dataLines(data: unknown): string {
  const text = typeof data === 'string' ? data : encodeJson(data, 'SSE data')
  return hasLineBreak(text) ? prefixLines('data:', text) : field('data', text)
}

/**
 * Encodes an in-band error frame as an SSE event: `event: error` ({@link SSE_ERROR_EVENT}) with the frame as
 * JSON data. Only `message` and `code` are written. `decodeSse` throws it as an `ErrorFrameError`.
 * @throws {EncodeError} when `message` is not a string or `code` is not a string.
 * @example
 * encodeSseError({ message: 'Generation failed', code: 'model' })
 * // 'event: error\ndata: {"message":"Generation failed","code":"model"}\n\n'
 */
export function encodeSseError(frame: ErrorFrame): string {
  return `event: ${SSE_ERROR_EVENT}\ndata: ${encodeJson(errorFramePayload(frame), 'An SSE error frame')}\n\n`
}

/**
 * Options of {@link decodeSse}.
 * @example
 * const options: DecodeSseOptions = { onRetry: (ms) => (retryDelay = ms), errorEvent: 'failure' }
 */
export interface DecodeSseOptions extends DecodeOptions {
  /** Receives the reconnection time of each valid `retry:` field, in milliseconds. */
  onRetry?: (ms: number) => void
  /** Receives each comment (`: text`, e.g. a heartbeat) without the colon and one space after it. */
  onComment?: (text: string) => void
  /**
   * The event name of in-band error frames, `'error'` by default. Such an event makes the decoder throw an
   * `ErrorFrameError`: with the frame's `message` / `code` when its data is frame JSON (an object with a
   * string `message`), else with the raw data as the message. `null`: yield such events like any other.
   */
  errorEvent?: string | null
  /** The last event ID already in force (e.g. from before a reconnect): events without `id:` carry it. */
  lastEventId?: string
}

/**
 * Decodes a `text/event-stream` byte stream into its events, following the WHATWG EventSource parsing rules
 * (see `createSseParser`): `{ event, data, id }`, with `event` `'message'` by default and `id` the last
 * event ID in force. UTF-8 split anywhere is handled and one leading BOM is removed. An unfinished message at
 * the end of the stream is dropped.
 *
 * Stopping early (`break`) or aborting `options.signal` cancels the source.
 * @throws {ErrorFrameError} when the server sent an error event (see `errorEvent`); events before it are
 * yielded first.
 * @example
 * const response = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ prompt }) })
 * for await (const { event, data } of decodeSse(response.body!, { onRetry: (ms) => (retryMs = ms) })) {
 *   if (event === 'text') output += JSON.parse(data).delta
 * }
 */
export function decodeSse(body: ByteSource, options?: DecodeSseOptions): AsyncIterableIterator<SseEvent> {
  return parseStream<SseEvent>(body, options, (emit) =>
    createSseParser({
      onEvent: emit,
      onRetry: options?.onRetry,
      onComment: options?.onComment,
      errorEvent: options?.errorEvent,
      lastEventId: options?.lastEventId,
    }),
  )
}

function encodeId(id: string | number): string {
  let text: string
  if (typeof id === 'number') {
    if (!Number.isFinite(id)) throw new EncodeError(`An SSE id must be a finite number, got ${id}`)
    text = String(id)
  } else if (typeof id === 'string') text = id
  else throw new EncodeError('An SSE id must be a string or a number')
  if (hasLineBreak(text)) throw new EncodeError('An SSE id must not contain CR or LF')
  if (text.includes('\0')) throw new EncodeError('An SSE id must not contain NUL (clients ignore such ids)')
  return text
}

/** Up to this length a loop over the characters beats two native searches (this runs once per item). */
const SHORT_TEXT = 32
const CR = 13

function hasLineBreak(text: string): boolean {
  if (text.length > SHORT_TEXT) return text.includes('\n') || text.includes('\r')
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code <= CR && (code === 10 || code === CR)) return true
  }
  return false
}

/** `name: value\n`; `name:\n` for an empty value, which the client reads as the same empty value. */
function field(name: string, value: string): string {
  return value === '' ? `${name}:\n` : `${name}: ${value}\n`
}

/** One `prefix value` line per line of `text`, split on CR, LF and CRLF. */
function prefixLines(prefix: string, text: string): string {
  let out = ''
  for (const line of text.split(LINE_BREAK)) out += line === '' ? `${prefix}\n` : `${prefix} ${line}\n`
  return out
}
