import type { ByteSource } from './byte-source'
import type { DecodeOptions } from './decode-options'
import { parseStream } from './parse-stream'
import type { PushParser } from './push-parser'
import { createUtf8LineDecoder, type Utf8LineDecoder, type Utf8LineDecoderOptions } from './utf8-line-decoder'

const LF = 10

/**
 * Creates the streaming line splitter the NDJSON and SSE parsers share. Lines end with CR, LF or CR LF, also
 * when the CR and the LF arrive in different pieces. `onLine` receives each line without its line end, empty
 * lines included; `end()` emits a last line that has no line end, if it has any characters.
 *
 * Feed it text, or UTF-8 bytes (e.g. the chunks of `response.body`): bytes are decoded for you, a character
 * split between chunks included, with one leading BOM removed, as `TextDecoder` does. One kind per stream:
 * feeding the other kind before `end()` throws a `TypeError`.
 *
 * Linear time whatever the piece sizes: each piece is scanned once, and a line spread over many pieces is
 * kept as a list of pieces joined once, never re-concatenated or re-scanned per piece.
 * @example
 * const lines: string[] = []
 * const splitter = createLineSplitter((line) => lines.push(line))
 * splitter.feed('one\r')
 * splitter.feed('\ntwo\nthr')
 * splitter.feed('ee')
 * splitter.end()
 * // lines: ['one', 'two', 'three']
 */
export function createLineSplitter(onLine: (line: string) => void): PushParser {
  return createLineScanner((text, start, end) => {
    onLine(start === 0 && end === text.length ? text : text.slice(start, end))
  })
}

/**
 * The splitter's engine, for parsers that read a line in place: `onLine(text, start, end)` gets the line as
 * `text.slice(start, end)` without the slice being made, so a parser can look at its first characters
 * before copying anything. `text` may hold further lines after `end`: search only within the line.
 * `unterminated` is true for a last line that the end of the stream cut off (it had no line end).
 * `bytes` tunes how fed bytes are decoded (see `createUtf8LineDecoder`).
 */
export function createLineScanner(
  onLine: (text: string, start: number, end: number, unterminated: boolean) => void,
  bytes: Utf8LineDecoderOptions = {},
): PushParser {
  // The start of the current line when it began in an earlier piece.
  let pending: string[] = []
  // The previous piece ended with CR: an LF at the start of the next one belongs to that line end.
  let afterCr = false
  // What this stream is fed: text, or bytes through `decoder`, created on first use.
  let kind: 'text' | 'bytes' | undefined
  let decoder: Utf8LineDecoder | undefined

  const feedText = (text: string) => {
    const length = text.length
    if (length === 0) return
    let start = 0
    if (afterCr) {
      afterCr = false
      if (text.charCodeAt(0) === LF) start = 1
    }
    // Positions of the next CR and LF at or after `start`; -1 once the piece has no more. Each is looked up
    // again only after it has been passed, so the piece is scanned once in total.
    let nextCr = text.indexOf('\r', start)
    let nextLf = text.indexOf('\n', start)
    while (nextCr !== -1 || nextLf !== -1) {
      const end = nextLf === -1 || (nextCr !== -1 && nextCr < nextLf) ? nextCr : nextLf
      if (pending.length === 0) onLine(text, start, end, false)
      else {
        pending.push(text.slice(start, end))
        const line = pending.join('')
        pending = []
        onLine(line, 0, line.length, false)
      }
      start = end + 1
      if (end === nextCr) {
        if (start === length) afterCr = true
        else if (text.charCodeAt(start) === LF) start++
        if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start)
        nextCr = text.indexOf('\r', start)
      } else {
        nextLf = text.indexOf('\n', start)
      }
    }
    if (start < length) pending.push(start === 0 ? text : text.slice(start))
  }

  return {
    feed(chunk) {
      if (typeof chunk === 'string') {
        if (kind === 'bytes') throw new TypeError(MIXED_FEED)
        kind = 'text'
        feedText(chunk)
        return
      }
      if (!(chunk instanceof Uint8Array)) {
        throw new TypeError(`feed() takes a string or a Uint8Array, got ${describe(chunk)}`)
      }
      if (kind === 'text') throw new TypeError(MIXED_FEED)
      kind = 'bytes'
      decoder ??= createUtf8LineDecoder(feedText, bytes)
      decoder.push(chunk)
    },
    end() {
      try {
        if (kind === 'bytes') decoder?.end()
      } finally {
        kind = undefined
        afterCr = false
      }
      if (pending.length === 0) return
      const line = pending.join('')
      pending = []
      onLine(line, 0, line.length, true)
    },
  }
}

const MIXED_FEED =
  'feed() got text and bytes in the same stream: feed one kind until end(), then the other if you must'

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value !== 'object') return typeof value
  return (value as object).constructor?.name ?? 'an object'
}

/**
 * Decodes a byte stream as UTF-8 text and yields it line by line (CR, LF or CRLF line ends, removed). A last
 * line without a line end is yielded too. Stopping early (`break`) or aborting `options.signal` cancels the
 * source.
 * @example
 * const response = await fetch('/api/log')
 * for await (const line of decodeLines(response.body!)) console.log(line)
 */
export function decodeLines(body: ByteSource, options?: DecodeOptions): AsyncIterableIterator<string> {
  return parseStream<string>(body, options, (emit) => createLineSplitter(emit))
}
