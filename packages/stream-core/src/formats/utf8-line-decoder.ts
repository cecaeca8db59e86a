import { CharCode } from './char-code'

/** Chunks at least this long skip the byte-by-byte scan: they are decoded through their last line end. */
const SCAN_LIMIT = 256
/** Buffer capacity kept between lines; a longer line's buffer is released once it is passed on. */
const KEEP_BYTES = 64 * 1024
const STREAMING: TextDecodeOptions = { stream: true }

/** What a {@link createUtf8LineDecoder} needs besides its text callback. */
export interface Utf8LineDecoderOptions {
  /**
   * Whether a line that just ended must reach the text parser now. Gets the line's first byte, or -1 for a
   * blank line. Lines it says no to wait, as bytes, until a later line needs passing on (or the end), so many
   * tiny chunks cost one decode. Default: every line is passed on at once.
   */
  isUrgentLine?: (firstByte: number) => boolean
}

/** Decodes UTF-8 for a line-based parser; see {@link createUtf8LineDecoder}. */
export interface Utf8LineDecoder {
  /** Takes the next chunk of bytes; passes on the text through the last line end that needs passing on. */
  push(bytes: Uint8Array): void
  /** The stream is over: passes on what is left (an incomplete character becomes U+FFFD) and starts afresh. */
  end(): void
}

/**
 * The byte front end of the line-based parsers: UTF-8 bytes in, text out, in pieces that end right after a
 * line end (CR or LF). As neither byte can occur inside a multi-byte character, every piece is whole
 * characters and the text is the same as one streaming `TextDecoder` would give for the whole stream (one
 * leading BOM removed, invalid bytes as U+FFFD). What it buys:
 *
 * - Chunks smaller than a line (16-byte network reads) are gathered and decoded once per line, or once per
 *   several lines with `isUrgentLine`, instead of one decoder call per chunk.
 * - A piece that ends at a line end can be decoded without streaming state, which lets the engine take its
 *   ASCII fast path: the decoder used for the next large piece is picked by whether the last one was all
 *   ASCII.
 *
 * Memory: bytes of an unfinished line (and of non-urgent lines) are kept until passed on, as the text of an
 * unfinished line was before; each byte is copied at most twice, so the work stays linear.
 */
export function createUtf8LineDecoder(
  onText: (text: string) => void,
  options: Utf8LineDecoderOptions = {},
): Utf8LineDecoder {
  const isUrgentLine = options.isUrgentLine
  // Every piece ends at a line end, so no character is ever left pending between pieces, and a one-shot call
  // decodes it: the cheapest call for a small piece, and the engine's fast path for an all-ASCII one. Large
  // pieces that are not all ASCII go to a streaming decoder, which some engines (Node.js) decode such text
  // faster with; whether the last large piece was all ASCII (as long as its text) picks the decoder.
  const oneShot = new TextDecoder('utf-8', { ignoreBOM: true })
  const streaming = new TextDecoder('utf-8', { ignoreBOM: true })
  let lastLargeWasAscii = true
  let atStart = true
  // Bytes not passed on yet: `buffer[begin, length)`. Passed-on bytes before `begin` are dropped only when
  // the space is needed, so passing on part of a chunk does not move the rest each time.
  let buffer: Uint8Array = new Uint8Array(0)
  let begin = 0
  let length = 0
  // Where the current line starts in `buffer`, and where the last CR is (-2: none that matters), so the LF of
  // a CRLF is not taken for a line end of its own.
  let lineStart = 0
  let lastCr = -2

  /** The number of BOM bytes at `bytes[from]` to skip: 3 at the start of the stream if it has one, else 0. */
  const bomAt = (bytes: Uint8Array, from: number, to: number): number => {
    if (!atStart || from === to) return 0
    atStart = false
    return to - from >= 3 && isBom(bytes, from) ? 3 : 0
  }

  /** Decodes a small piece (at the end of the stream, an incomplete character at its end becomes U+FFFD). */
  const decode = (bytes: Uint8Array) => {
    const skip = bomAt(bytes, 0, bytes.length)
    if (bytes.length > skip) onText(oneShot.decode(skip === 0 ? bytes : bytes.subarray(skip)))
  }

  /** Decodes the large piece `bytes[from, to)`. */
  const decodeLarge = (bytes: Uint8Array, from: number, to: number) => {
    from += bomAt(bytes, from, to)
    if (from === to) return
    const piece = from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to)
    const text = lastLargeWasAscii ? oneShot.decode(piece) : streaming.decode(piece, STREAMING)
    lastLargeWasAscii = text.length === piece.length
    onText(text)
  }

  /** Moves what is kept to the start of `into` (the buffer itself, or its replacement); indices shift too. */
  const compact = (into: Uint8Array) => {
    if (into === buffer) buffer.copyWithin(0, begin, length)
    else into.set(buffer.subarray(begin, length))
    length -= begin
    lineStart -= begin
    lastCr -= begin
    begin = 0
    buffer = into
  }

  const reserve = (extra: number) => {
    if (length + extra <= buffer.length) return
    const kept = length - begin
    if (kept + extra <= buffer.length) {
      compact(buffer)
      return
    }
    let size = Math.max(buffer.length * 2, 1024)
    while (size < kept + extra) size *= 2
    compact(new Uint8Array(size))
  }

  const append = (bytes: Uint8Array, from: number, to: number) => {
    reserve(to - from)
    buffer.set(from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to), length)
    length += to - from
  }

  /** Passes on `buffer[begin, cut)` and keeps the rest (also when the parser throws: it has stopped then). */
  const passOn = (cut: number) => {
    try {
      decode(buffer.subarray(begin, cut))
    } finally {
      begin = cut
      if (begin === length) {
        lineStart -= length
        lastCr -= length
        begin = length = 0
      }
      // A long line grew the buffer: give that memory back once it is passed on.
      if (buffer.length > KEEP_BYTES && length - begin <= KEEP_BYTES / 2) compact(new Uint8Array(KEEP_BYTES))
    }
  }

  /**
   * The first byte of the line `target[start, end)`, or -1 for a blank line. The BOM that decoding will
   * remove is not part of the first line: before anything is passed on, the first line starts at `begin`.
   */
  const firstByte = (target: Uint8Array, start: number, end: number): number => {
    if (end === start) return -1
    if (atStart && start === begin && end - start >= 3 && isBom(target, start)) {
      return end === start + 3 ? -1 : (target[start + 3] as number)
    }
    return target[start] as number
  }

  /** Small chunks: copied into the buffer byte by byte while their line ends are found. */
  const scan = (bytes: Uint8Array) => {
    reserve(bytes.length)
    const target = buffer
    let at = length
    let start = lineStart
    let cr = lastCr
    let cut = -1
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i] as number
      target[at++] = byte
      if (byte > CharCode.CR || !isLineEnd(byte)) continue
      if (byte === CharCode.LF && cr === at - 2) {
        // The LF of a CRLF: the line already ended at the CR.
        start = at
        continue
      }
      if (isUrgentLine === undefined || isUrgentLine(firstByte(target, start, at - 1))) cut = at
      start = at
      if (byte === CharCode.CR) cr = at - 1
    }
    length = at
    lineStart = start
    lastCr = cr
    if (cut !== -1) passOn(cut)
  }

  /**
   * Large chunks: everything through the last line end is passed on, urgent or not. A line begun in earlier
   * chunks is completed in the buffer and passed on by itself, so the rest is decoded in place, not copied.
   */
  const bulk = (bytes: Uint8Array) => {
    const size = bytes.length
    let last = size - 1
    while (last >= 0 && !isLineEnd(bytes[last] as number)) last--
    if (last === -1) {
      append(bytes, 0, size)
      return
    }
    let from = 0
    try {
      if (length > begin) {
        while (!isLineEnd(bytes[from] as number)) from++
        from++
        append(bytes, 0, from)
        const line = buffer.subarray(begin, length)
        begin = length = 0
        decode(line)
      }
      if (from <= last) decodeLarge(bytes, from, last + 1)
    } finally {
      begin = length = 0
      lineStart = 0
      lastCr = last === size - 1 && bytes[last] === CharCode.CR ? -1 : -2
      if (buffer.length > KEEP_BYTES) buffer = new Uint8Array(0)
      if (last < size - 1) append(bytes, last + 1, size)
    }
  }

  return {
    push(bytes) {
      if (bytes.length === 0) return
      if (bytes.length < SCAN_LIMIT) scan(bytes)
      else bulk(bytes)
    },
    end() {
      const rest = buffer.subarray(begin, length)
      begin = length = 0
      lineStart = 0
      lastCr = -2
      try {
        decode(rest)
      } finally {
        atStart = true
        lastLargeWasAscii = true
        if (buffer.length > KEEP_BYTES) buffer = new Uint8Array(0)
      }
    },
  }
}

function isLineEnd(byte: number): boolean {
  return byte === CharCode.LF || byte === CharCode.CR
}

/** Whether `bytes` holds a UTF-8 byte order mark (EF BB BF) at `at`. */
function isBom(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf
}
