import { EncodeError } from '../errors/encode-error'
import type { ByteSource } from './byte-source'
import type { DecodeOptions } from './decode-options'
import { parseStream } from './parse-stream'

/**
 * Encodes one chunk of a plain-text stream: the string itself, checked to be a string (a number or an object
 * would otherwise reach the wire as `'42'` or `'[object Object]'`).
 * @throws {EncodeError} when `chunk` is not a string.
 * @example
 * encodeText('Hello, ') // 'Hello, '
 */
export function encodeText(chunk: string): string {
  if (typeof chunk !== 'string') {
    throw new EncodeError(
      `A text stream chunk must be a string, got ${chunk === null ? 'null' : typeof chunk}`,
    )
  }
  return chunk
}

const STREAMING: TextDecodeOptions = { stream: true }

/**
 * Decodes a UTF-8 byte stream into text chunks, one per chunk of bytes that completes at least one character.
 * A multi-byte character split between chunks is yielded whole, with the later chunk; a UTF-8 byte order mark
 * at the very start is removed and invalid bytes become U+FFFD, as in `response.text()`. Stopping early
 * (`break`) or aborting `options.signal` cancels the source.
 * @example
 * const response = await fetch('/api/story')
 * let story = ''
 * for await (const text of decodeText(response.body!)) story += text
 */
export function decodeText(body: ByteSource, options?: DecodeOptions): AsyncIterableIterator<string> {
  return parseStream<string>(body, options, (emit) => {
    const decoder = new TextDecoder()
    return {
      feed(bytes) {
        const text = decoder.decode(bytes, STREAMING)
        if (text.length > 0) emit(text)
      },
      end() {
        const rest = decoder.decode()
        if (rest.length > 0) emit(rest)
      },
    }
  })
}
