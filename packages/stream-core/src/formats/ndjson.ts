import type { ErrorFrame } from '../errors/error-frame'
import { NDJSON_ERROR_KEY } from '../errors/error-frame'
import { ErrorFrameError } from '../errors/error-frame-error'
import { ParseError } from '../errors/parse-error'
import type { ByteSource } from './byte-source'
import { CharCode } from './char-code'
import type { DecodeOptions } from './decode-options'
import { encodeJson } from './encode-json'
import { errorFrameFrom, errorFramePayload } from './error-frame-from'
import { createLineSplitter } from './lines'
import { parseStream } from './parse-stream'
import type { PushParser } from './push-parser'

/**
 * Encodes one NDJSON line: the value as JSON, then `\n`.
 *
 * Follows `JSON.stringify` for nested values (`undefined` properties dropped, `NaN` -> `null`, `toJSON()`
 * honoured) but refuses to write what JSON cannot carry.
 * @throws {EncodeError} for a top-level `undefined`, function or symbol, and for a `BigInt` or a cycle
 * anywhere in the value.
 * @example
 * encodeNdjson({ id: 1, title: 'Hi' }) // '{"id":1,"title":"Hi"}\n'
 */
export function encodeNdjson(value: unknown): string {
  return `${encodeJson(value, 'An NDJSON item')}\n`
}

/**
 * Encodes an in-band error frame as an NDJSON line: an object whose only key is `$error`
 * ({@link NDJSON_ERROR_KEY}). Only `message` and `code` are written. `decodeNdjson` throws it as an
 * `ErrorFrameError`.
 * @example
 * encodeNdjsonError({ message: 'Search failed', code: 'search' })
 * // '{"$error":{"message":"Search failed","code":"search"}}\n'
 */
export function encodeNdjsonError(frame: ErrorFrame): string {
  return `${encodeJson({ [NDJSON_ERROR_KEY]: errorFramePayload(frame) }, 'An NDJSON error frame')}\n`
}

/**
 * Callbacks of {@link createNdjsonParser}.
 * @example
 * const callbacks: NdjsonParserCallbacks<{ id: number }> = { onValue: (row) => rows.push(row) }
 */
export interface NdjsonParserCallbacks<T> {
  /** Receives each parsed value, in order. */
  onValue: (value: T) => void
}

/**
 * Creates an incremental NDJSON parser: feed it text in pieces of any size. Lines end with LF, CRLF or CR;
 * blank lines (also lines of only spaces and tabs, e.g. padding) are skipped; a last line without a line end is parsed
 * by `end()`.
 *
 * `feed()` / `end()` throw a `ParseError` (with the 1-based `line`) for a line that is not JSON, and an
 * `ErrorFrameError` for an error envelope: an object whose only key is `$error`. After a throw, stop feeding.
 * @example
 * const parser = createNdjsonParser<{ n: number }>({ onValue: (value) => console.log(value.n) })
 * parser.feed('{"n":1}\n{"n"')
 * parser.feed(':2}\n')
 * parser.end() // logs 1, then 2
 */
export function createNdjsonParser<T = unknown>(callbacks: NdjsonParserCallbacks<T>): PushParser {
  const { onValue } = callbacks
  let lineNumber = 0
  return createLineSplitter((line) => {
    lineNumber++
    if (line.length === 0) return
    // Only a line starting with JSON whitespace can be blank (e.g. padding); others go straight to JSON.parse.
    const first = line.charCodeAt(0)
    if ((first === CharCode.SPACE || first === CharCode.TAB) && line.trim().length === 0) return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      throw new ParseError(`NDJSON line ${lineNumber} is not valid JSON: ${(error as Error).message}`, {
        line: lineNumber,
        cause: error,
      })
    }
    if (isErrorEnvelope(value)) throw new ErrorFrameError(errorFrameFrom(value[NDJSON_ERROR_KEY]))
    onValue(value as T)
  })
}

function isErrorEnvelope(value: unknown): value is { [NDJSON_ERROR_KEY]: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    // A plain property read first: cheap for the usual item, which has no such key.
    (value as { [NDJSON_ERROR_KEY]?: unknown })[NDJSON_ERROR_KEY] !== undefined &&
    Object.hasOwn(value, NDJSON_ERROR_KEY) &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1
  )
}

/**
 * Decodes an NDJSON byte stream (`application/x-ndjson`) into its values, one per non-blank line. UTF-8 split
 * anywhere, LF / CRLF / CR line ends and a last line without a line end are all handled. The values are not
 * validated: `T` is what you expect the server to send.
 *
 * Stopping early (`break`) or aborting `options.signal` cancels the source.
 * @throws {ParseError} for a line that is not JSON, with its 1-based `line` number; values before it are
 * yielded first.
 * @throws {ErrorFrameError} when the server sent an error frame (`{"$error":{"message":...}}`).
 * @example
 * const response = await fetch('/api/search?q=shoes')
 * for await (const hit of decodeNdjson<{ id: string; title: string }>(response.body!)) {
 *   console.log(hit.title)
 * }
 */
export function decodeNdjson<T = unknown>(
  body: ByteSource,
  options?: DecodeOptions,
): AsyncIterableIterator<T> {
  return parseStream<T>(body, options, (emit) => createNdjsonParser<T>({ onValue: emit }))
}
