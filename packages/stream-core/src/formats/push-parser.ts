/**
 * The shape every incremental, push-style parser in stream-core shares: feed it text, or UTF-8 bytes such as
 * the chunks of `response.body`, in pieces of any size, then call `end()` once the stream is over. Callbacks
 * given at creation receive what it finds. Bytes are decoded for you (a character split between pieces
 * included, one leading BOM removed, invalid bytes as U+FFFD, as `TextDecoder` does), and faster than
 * decoding them yourself. Feed one kind per stream: the other kind before `end()` throws a `TypeError`.
 *
 * A parser that throws from `feed()` or `end()` (a `ParseError`, an `ErrorFrameError`) has stopped: the rest
 * of that text is not parsed, and it must not be fed again.
 * @example
 * const parser: PushParser = createLineSplitter((line) => console.log(line))
 * parser.feed('a\nb')
 * parser.end() // logs 'a', then 'b'
 */
export interface PushParser {
  /**
   * Parses the next piece of text or bytes; a piece may end anywhere, even between a CR and its LF or inside
   * a multi-byte character.
   */
  feed(chunk: string | Uint8Array): void
  /** Marks the end of the stream: flushes (or, where the format says so, discards) what is pending. */
  end(): void
}
