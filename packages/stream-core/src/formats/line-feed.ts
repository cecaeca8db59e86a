import { CharCode } from './char-code'
import { createUtf8LineDecoder, type Utf8LineDecoder, type Utf8LineDecoderOptions } from './utf8-line-decoder'

/**
 * Receives whole lines from a {@link createLineFeed}: `text.slice(start, end)` is one or more complete lines,
 * each ending in CR, LF or CRLF, the last one's line end right before `end`. An LF that completes a CRLF split
 * between two pieces has already been removed, so a CR at `end - 1` is a whole line end. `text` may go on
 * after `end` (with the start of an unfinished line): read only up to `end`.
 */
export type WholeLinesSink = (text: string, start: number, end: number) => void

/** A {@link PushParser} front end whose `end()` hands back what is left. */
export interface LineFeed {
  /** Takes the next piece of text or UTF-8 bytes (one kind per stream); passes whole lines on at once. */
  feed(chunk: string | Uint8Array): void
  /**
   * The stream is over: returns the last line if the stream ended without a line end (`''` if it did end
   * with one) and starts afresh for the next stream.
   */
  end(): string
}

/**
 * The front end the line-based parsers share: takes text or bytes in pieces of any size and hands `sink`
 * pieces of whole lines, in order, as soon as their line end arrives. A parser then splits lines in one loop
 * over each piece, with no call per line and no state carried between pieces.
 *
 * Bytes are decoded by {@link createUtf8LineDecoder} (`bytes` tunes it); the start of an unfinished line is
 * kept as a list of pieces and joined once its line end arrives, so the work stays linear however the text is
 * cut. Feeding the other kind (text after bytes, or bytes after text) before `end()` throws a `TypeError`.
 */
export function createLineFeed(sink: WholeLinesSink, bytes: Utf8LineDecoderOptions = {}): LineFeed {
  // The start of the current line when it began in an earlier piece.
  let pending: string[] = []
  // The last line end passed on was a CR: an LF at the start of the next piece belongs to it.
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
      if (text.charCodeAt(0) === CharCode.LF) start = 1
    }
    // Back from the end over the unfinished line, to the last line end: only the part kept is scanned.
    let last = length - 1
    let code = text.charCodeAt(last)
    while (code !== CharCode.LF && code !== CharCode.CR && last >= start) code = text.charCodeAt(--last)
    if (last < start) {
      if (start < length) pending.push(start === 0 ? text : text.slice(start))
      return
    }
    const end = last + 1
    // Only a CR that ends the piece can have its LF in the next one.
    afterCr = code === CharCode.CR && end === length
    const tail = end < length ? text.slice(end) : undefined
    if (pending.length > 0) {
      // The line begun in earlier pieces is completed and passed on by itself, so the rest of this piece is
      // passed on in place rather than copied into one joined string.
      let first = start
      code = text.charCodeAt(first)
      while (code !== CharCode.LF && code !== CharCode.CR) code = text.charCodeAt(++first)
      if (code === CharCode.CR && first + 1 < end && text.charCodeAt(first + 1) === CharCode.LF) first++
      pending.push(text.slice(start, first + 1))
      const line = pending.join('')
      pending = []
      start = first + 1
      sink(line, 0, line.length)
    }
    if (start < end) sink(text, start, end)
    if (tail !== undefined) pending.push(tail)
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
      if (pending.length === 0) return ''
      const line = pending.join('')
      pending = []
      return line
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
 * Calls `onLine(text, lineStart, lineEnd)` for each line of the whole lines `text[start, end)` (a piece a
 * {@link WholeLinesSink} got), its line end (CR, LF or CRLF) left out. Each of the next CR and LF is looked up
 * again only once passed, so the piece is scanned once.
 */
export function forEachLine(
  text: string,
  start: number,
  end: number,
  onLine: (text: string, lineStart: number, lineEnd: number) => void,
): void {
  let nextCr = text.indexOf('\r', start)
  let nextLf = text.indexOf('\n', start)
  let at = start
  while (at < end) {
    const lineEnd = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr
    const lineStart = at
    at = lineEnd + 1
    if (lineEnd === nextCr) {
      if (at < end && text.charCodeAt(at) === CharCode.LF) at++
      nextCr = text.indexOf('\r', at)
    }
    if (nextLf !== -1 && nextLf < at) nextLf = text.indexOf('\n', at)
    onLine(text, lineStart, lineEnd)
  }
}
