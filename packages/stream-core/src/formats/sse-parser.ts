import { type ErrorFrame, SSE_ERROR_EVENT } from '../errors/error-frame'
import { ErrorFrameError } from '../errors/error-frame-error'
import { errorFrameFrom } from './error-frame-from'
import { createLineScanner } from './lines'
import type { PushParser } from './push-parser'
import type { SseEvent } from './sse-types'

const SPACE = 32
const COLON = 58
const D = 100
const E = 101
const I = 105
const R = 114
const BOM = 0xfeff

/**
 * Options of {@link createSseParser}.
 * @example
 * const options: SseParserOptions = {
 *   onEvent: (event) => events.push(event),
 *   onRetry: (ms) => (retryDelay = ms),
 *   lastEventId: previousParser.lastEventId,
 * }
 */
export interface SseParserOptions {
  /** Receives each dispatched event. */
  onEvent: (event: SseEvent) => void
  /** Receives the reconnection time of each valid `retry:` field (all ASCII digits), in milliseconds. */
  onRetry?: (ms: number) => void
  /** Receives each comment line (`: text`) without the colon and without one space after it. */
  onComment?: (text: string) => void
  /**
   * The event name of in-band error frames, {@link SSE_ERROR_EVENT} (`'error'`) by default. When such an event
   * is dispatched, `feed()` throws an `ErrorFrameError` instead of calling `onEvent`: with the frame's
   * `message` / `code` when the data is frame JSON (an object with a string `message`), else with the raw
   * data as the message (`DEFAULT_ERROR_MESSAGE` if it is empty). `null` turns this off: such events reach
   * `onEvent` like any other.
   */
  errorEvent?: string | null
  /**
   * The last event ID already in force, e.g. from the previous connection when reconnecting: events without
   * an `id:` field carry it, as with `EventSource`. Default `''`.
   */
  lastEventId?: string
}

/**
 * An incremental SSE parser; see {@link createSseParser}.
 * @example
 * const parser: SseParser = createSseParser({ onEvent: show })
 * parser.feed(text)
 * const resumeFrom = parser.lastEventId // send as Last-Event-ID when reconnecting
 */
export interface SseParser extends PushParser {
  /**
   * The last event ID string: the `id:` in force after the last message ended by a blank line, whether or not
   * that message had data. Send it as `Last-Event-ID` when reconnecting.
   */
  readonly lastEventId: string
}

/**
 * Creates an incremental `text/event-stream` parser that follows the WHATWG EventSource parsing rules: one
 * leading BOM removed, CR / LF / CRLF line ends (also split between pieces), a line without a colon is a field
 * with an empty value, exactly one space after the colon removed, `data` lines joined with LF, no event for a
 * message without `data`, event type `'message'` by default, `retry` only when all ASCII digits, an `id`
 * containing NUL ignored, the last event ID kept across events (`id:` with no value resets it to `''`),
 * comments reported, unknown fields ignored, and an unfinished message at the end of the stream dropped.
 *
 * Feed it the response's bytes as they arrive (`Uint8Array` chunks: decoded for you, faster than decoding
 * them first) or text you decoded yourself (with `TextDecoder` and `{ stream: true, ignoreBOM: true }`), one
 * kind per connection; call `end()` when the connection ends. After `end()` the parser is ready for the next
 * connection and keeps `lastEventId`. Callbacks run during the `feed()` that completes what they report.
 * @throws {ErrorFrameError} from `feed()` when an error event is dispatched (see `errorEvent`).
 * @example
 * const parser = createSseParser({
 *   onEvent: (event) => console.log(event.event, event.data, event.id),
 *   onRetry: (ms) => console.log('retry in', ms),
 * })
 * parser.feed('retry: 3000\nid: 7\nevent: tick\ndata: {"n":1}\n')
 * parser.feed('\n') // logs 'retry in 3000', then 'tick {"n":1} 7'
 *
 * // Or straight from the network:
 * for await (const chunk of response.body!) parser.feed(chunk)
 * parser.end()
 */
export function createSseParser(options: SseParserOptions): SseParser {
  const { onEvent, onRetry, onComment } = options
  const errorEvent = options.errorEvent === undefined ? SSE_ERROR_EVENT : options.errorEvent
  let lastEventId = options.lastEventId ?? ''
  let idBuffer = lastEventId
  let eventType = ''
  // The data buffer, kept as its lines and joined with LF at dispatch (which also drops the spec's trailing
  // LF). The first line has its own variable: most events have one line, which then costs no array.
  let dataLines = 0
  let firstData = ''
  let moreData: string[] = []
  let atStreamStart = true

  const pushData = (value: string) => {
    if (dataLines++ === 0) firstData = value
    else moreData.push(value)
  }

  const dispatch = () => {
    lastEventId = idBuffer
    if (dataLines === 0) {
      eventType = ''
      return
    }
    const event: SseEvent = {
      event: eventType === '' ? 'message' : eventType,
      data: dataLines === 1 ? firstData : `${firstData}\n${moreData.join('\n')}`,
      id: lastEventId,
    }
    if (dataLines > 1) moreData = []
    dataLines = 0
    eventType = ''
    if (errorEvent !== null && event.event === errorEvent) {
      throw new ErrorFrameError(errorFrameFromData(event.data))
    }
    onEvent(event)
  }

  const processField = (field: string, value: string) => {
    switch (field) {
      case 'data':
        pushData(value)
        break
      case 'event':
        eventType = value
        break
      case 'id':
        if (!value.includes('\0')) idBuffer = value
        break
      case 'retry':
        if (isAsciiDigits(value)) onRetry?.(Number(value))
        break
      // Any other field is ignored.
    }
  }

  const scanner = createLineScanner(handleLine, { isUrgentLine })

  function handleLine(text: string, start: number, end: number, unterminated: boolean): void {
    // A line cut off by the end of the stream has no line end: it is not a line, the spec drops it.
    if (unterminated) return
    if (start === end) {
      dispatch()
      return
    }
    // Fast paths for the common `data:` / `event:` / `id:` / comment lines, read in place.
    const first = text.charCodeAt(start)
    if (first === COLON) {
      if (onComment) onComment(text.slice(text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end))
      return
    }
    if (first === D && isDataField(text, start, end)) {
      pushData(text.slice(text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end))
      return
    }
    if (first === E && isEventField(text, start, end)) {
      eventType = text.slice(text.charCodeAt(start + 6) === SPACE ? start + 7 : start + 6, end)
      return
    }
    if (
      first === I &&
      text.charCodeAt(start + 1) === 100 &&
      text.charCodeAt(start + 2) === COLON &&
      end - start >= 3
    ) {
      const id = text.slice(text.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3, end)
      if (!id.includes('\0')) idBuffer = id
      return
    }
    // The general rule. Sliced first, so the search for ':' cannot run past the line.
    const line = text.slice(start, end)
    const colon = line.indexOf(':')
    if (colon === -1) processField(line, '')
    else
      processField(
        line.slice(0, colon),
        line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1),
      )
  }

  return {
    get lastEventId() {
      return lastEventId
    },
    feed(chunk) {
      if (atStreamStart && chunk.length > 0) {
        atStreamStart = false
        // Fed bytes lose their BOM in decoding; text may still start with one.
        if (typeof chunk === 'string' && chunk.charCodeAt(0) === BOM) chunk = chunk.slice(1)
      }
      scanner.feed(chunk)
    },
    end() {
      try {
        scanner.end()
      } finally {
        if (dataLines > 1) moreData = []
        dataLines = 0
        eventType = ''
        idBuffer = lastEventId
        atStreamStart = true
      }
    },
  }
}

/**
 * Fed bytes are decoded lazily: only lines with an effect of their own have to reach the parser as soon as
 * they end. A blank line dispatches, a comment calls `onComment`, a `retry` line calls `onRetry`; `data`,
 * `event` and `id` lines only take effect at the next blank line, so they can wait for it, as bytes.
 */
function isUrgentLine(firstByte: number): boolean {
  return firstByte === -1 || firstByte === COLON || firstByte === R
}

// Whether the line text[start, end) begins with `data:` / `event:`. Spelled out with charCodeAt, which V8
// inlines, where startsWith / slice + compare measured several times slower on this hot path.
function isDataField(text: string, start: number, end: number): boolean {
  return (
    end - start >= 5 &&
    text.charCodeAt(start + 1) === 97 &&
    text.charCodeAt(start + 2) === 116 &&
    text.charCodeAt(start + 3) === 97 &&
    text.charCodeAt(start + 4) === COLON
  )
}

function isEventField(text: string, start: number, end: number): boolean {
  return (
    end - start >= 6 &&
    text.charCodeAt(start + 1) === 118 &&
    text.charCodeAt(start + 2) === 101 &&
    text.charCodeAt(start + 3) === 110 &&
    text.charCodeAt(start + 4) === 116 &&
    text.charCodeAt(start + 5) === COLON
  )
}

function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 48 || code > 57) return false
  }
  return true
}

/** Frame JSON (an object with a string `message`) gives message and code; any other data is the message. */
function errorFrameFromData(data: string): ErrorFrame {
  let parsed: unknown
  try {
    parsed = JSON.parse(data)
  } catch {
    return errorFrameFrom(data)
  }
  const isFrame =
    typeof parsed === 'object' &&
    parsed !== null &&
    typeof (parsed as { message?: unknown }).message === 'string'
  return errorFrameFrom(isFrame ? parsed : data)
}
