import { type ErrorFrame, SSE_ERROR_EVENT } from '../errors/error-frame'
import { ErrorFrameError } from '../errors/error-frame-error'
import { CharCode } from './char-code'
import { errorFrameFrom } from './error-frame-from'
import { createLineFeed, forEachLine } from './line-feed'
import type { PushParser } from './push-parser'
import type { SseEvent } from './sse-types'

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

  /** The lines that are not `data` / `event` / `id` / blank: comments, `retry`, unknown fields. */
  const otherLine = (text: string, start: number, end: number) => {
    if (text.charCodeAt(start) === CharCode.COLON) {
      if (onComment)
        onComment(text.slice(text.charCodeAt(start + 1) === CharCode.SPACE ? start + 2 : start + 1, end))
      return
    }
    // The general rule. Sliced first, so the search for ':' cannot run past the line.
    const line = text.slice(start, end)
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    const value =
      colon === -1 ? '' : line.slice(line.charCodeAt(colon + 1) === CharCode.SPACE ? colon + 2 : colon + 1)
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

  /** One line, `text[start, end)`, not blank, by the general rules of the spec. */
  const parseLine = (text: string, start: number, end: number) => {
    const first = text.charCodeAt(start)
    if (first === CharCode.d && isDataField(text, start)) {
      pushData(text.slice(text.charCodeAt(start + 5) === CharCode.SPACE ? start + 6 : start + 5, end))
    } else if (first === CharCode.e && isEventField(text, start)) {
      eventType = text.slice(text.charCodeAt(start + 6) === CharCode.SPACE ? start + 7 : start + 6, end)
    } else if (first === CharCode.i && isIdField(text, start)) {
      const valueStart = text.charCodeAt(start + 3) === CharCode.SPACE ? start + 4 : start + 3
      if (!hasNul(text, valueStart, end)) idBuffer = text.slice(valueStart, end)
    } else {
      otherLine(text, start, end)
    }
  }

  /**
   * Parses the whole lines `text[start, end)` (see `WholeLinesSink`). Text without CR, which is what servers
   * send, takes a loop that reads each line by its first character: a blank line is known without a search,
   * the short `event:` and `id:` values are read to their LF directly, and only `data:` values (and lines of
   * other kinds) are searched for their LF. Text with CR takes the general loop, which looks up both.
   */
  const parseLines = (text: string, start: number, end: number) => {
    const firstCr = text.indexOf('\r', start)
    if (firstCr !== -1 && firstCr < end) {
      forEachLine(text, start, end, anyLine)
      return
    }
    let at = start
    while (at < end) {
      const first = text.charCodeAt(at)
      if (first === CharCode.LF) {
        at++
        dispatch()
        continue
      }
      // Every line ends with an LF before `end`, so the field checks and the scans below stop at it.
      let lineEnd: number
      if (first === CharCode.d && isDataField(text, at)) {
        const valueStart = text.charCodeAt(at + 5) === CharCode.SPACE ? at + 6 : at + 5
        lineEnd = text.indexOf('\n', valueStart)
        pushData(text.slice(valueStart, lineEnd))
      } else if (first === CharCode.e && isEventField(text, at)) {
        const valueStart = text.charCodeAt(at + 6) === CharCode.SPACE ? at + 7 : at + 6
        lineEnd = valueStart
        while (text.charCodeAt(lineEnd) !== CharCode.LF) lineEnd++
        eventType = text.slice(valueStart, lineEnd)
      } else if (first === CharCode.i && isIdField(text, at)) {
        const valueStart = text.charCodeAt(at + 3) === CharCode.SPACE ? at + 4 : at + 3
        let nul = false
        lineEnd = valueStart
        for (let code = text.charCodeAt(lineEnd); code !== CharCode.LF; code = text.charCodeAt(++lineEnd)) {
          if (code === CharCode.NUL) nul = true
        }
        if (!nul) idBuffer = text.slice(valueStart, lineEnd)
      } else {
        lineEnd = text.indexOf('\n', at)
        otherLine(text, at, lineEnd)
      }
      at = lineEnd + 1
    }
  }

  /** A line of text with CR, which takes the general loop: blank (dispatch) or not. */
  const anyLine = (text: string, start: number, end: number) => {
    if (start === end) dispatch()
    else parseLine(text, start, end)
  }

  const lines = createLineFeed(parseLines, { isUrgentLine })

  return {
    get lastEventId() {
      return lastEventId
    },
    feed(chunk) {
      // Fed bytes lose their BOM in decoding; text may still start with one.
      if (atStreamStart && typeof chunk === 'string' && chunk.length > 0) {
        atStreamStart = false
        if (chunk.charCodeAt(0) === CharCode.BOM) chunk = chunk.slice(1)
      }
      lines.feed(chunk)
    },
    end() {
      try {
        lines.end()
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
  return firstByte === -1 || firstByte === CharCode.COLON || firstByte === CharCode.r
}

// Whether the line at `start` begins with `data:` / `event:` / `id:`. Spelled out with charCodeAt, which V8
// inlines, where startsWith / slice + compare measured several times slower on this hot path. A line end
// (or the end of the text) fails the test, so a short line is never read past.
function isDataField(text: string, start: number): boolean {
  return (
    text.charCodeAt(start + 1) === CharCode.a &&
    text.charCodeAt(start + 2) === CharCode.t &&
    text.charCodeAt(start + 3) === CharCode.a &&
    text.charCodeAt(start + 4) === CharCode.COLON
  )
}

function isEventField(text: string, start: number): boolean {
  return (
    text.charCodeAt(start + 1) === CharCode.v &&
    text.charCodeAt(start + 2) === CharCode.e &&
    text.charCodeAt(start + 3) === CharCode.n &&
    text.charCodeAt(start + 4) === CharCode.t &&
    text.charCodeAt(start + 5) === CharCode.COLON
  )
}

function isIdField(text: string, start: number): boolean {
  return text.charCodeAt(start + 1) === CharCode.d && text.charCodeAt(start + 2) === CharCode.COLON
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

function hasNul(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === CharCode.NUL) return true
  return false
}
