/**
 * The shape every incremental, push-style parser in stream-core shares: feed it decoded text in pieces of any
 * size, then call `end()` once the stream is over. Callbacks given at creation receive what it finds.
 *
 * A parser that throws from `feed()` or `end()` (a `ParseError`, an `ErrorFrameError`) has stopped: the rest
 * of that text is not parsed, and it must not be fed again.
 * @example
 * const parser: PushParser = createLineSplitter((line) => console.log(line))
 * parser.feed('a\nb')
 * parser.end() // logs 'a', then 'b'
 */
export interface PushParser {
  /** Parses the next piece of text; a piece may end anywhere, even between a CR and its LF. */
  feed(text: string): void
  /** Marks the end of the stream: flushes (or, where the format says so, discards) what is pending. */
  end(): void
}
