import type { ByteSource } from './byte-source'
import type { DecodeOptions } from './decode-options'
import { createLineFeed, forEachLine } from './line-feed'
import { parseStream } from './parse-stream'
import type { PushParser } from './push-parser'

/**
 * Creates the streaming line splitter the NDJSON parser shares. Lines end with CR, LF or CR LF, also when the
 * CR and the LF arrive in different pieces. `onLine` receives each line without its line end, empty lines
 * included; `end()` emits a last line that has no line end, if it has any characters.
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
  const feed = createLineFeed((text, start, end) =>
    forEachLine(text, start, end, (line, lineStart, lineEnd) => onLine(line.slice(lineStart, lineEnd))),
  )
  return {
    feed: feed.feed,
    end() {
      const rest = feed.end()
      if (rest !== '') onLine(rest)
    },
  }
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
