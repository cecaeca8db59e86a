// Public surface of @streamkit/stream-core: re-exports only, sorted by file (one concept per file).
// Subpath entries: ./ai (AI SDK adapter), ./resume and ./resume/redis (resumable streams).

export type { BackoffJitter, ReconnectOptions } from './client/backoff'
export type { StreamRequest, StreamRequestBody } from './client/stream-request'
export type {
  StreamChange,
  StreamSession,
  StreamSessionBaseOptions,
  StreamSessionOptions,
  StreamStartInput,
} from './client/stream-session'
export { createStreamSession } from './client/stream-session'
export type { DefaultStreamValue, StreamChunk, StreamState, StreamStatus } from './client/stream-state'
export { isFinalStatus } from './client/stream-state'
export { delay } from './delay'
export { EncodeError } from './errors/encode-error'
export type { ErrorFrame } from './errors/error-frame'
export { DEFAULT_ERROR_MESSAGE, NDJSON_ERROR_KEY, SSE_ERROR_EVENT } from './errors/error-frame'
export { ErrorFrameError } from './errors/error-frame-error'
export { HttpError } from './errors/http-error'
export type { StreamErrorHandler } from './errors/mask-error'
export { NetworkError } from './errors/network-error'
export { ParseError } from './errors/parse-error'
export type { StreamErrorCode } from './errors/stream-error'
export { StreamError } from './errors/stream-error'
export type { ByteSource, StreamFormat } from './formats/byte-source'
export type { DecodeOptions } from './formats/decode-options'
export { createLineSplitter, decodeLines } from './formats/lines'
export type { NdjsonParserCallbacks } from './formats/ndjson'
export { createNdjsonParser, decodeNdjson, encodeNdjson, encodeNdjsonError } from './formats/ndjson'
export type { PushParser } from './formats/push-parser'
export type { DecodeSseOptions } from './formats/sse'
export { decodeSse, encodeSse, encodeSseError } from './formats/sse'
export type { SseParser, SseParserOptions } from './formats/sse-parser'
export { createSseParser } from './formats/sse-parser'
export type { SseEvent, SseMessage } from './formats/sse-types'
export { decodeText, encodeText } from './formats/text'
export type { StreamResponseOptions } from './response'
export { streamResponse } from './response'
export type { StreamSource, ToReadableStreamOptions } from './source'
export { toReadableStream } from './source'
export type { InferStreamItem, StreamResponse } from './typed-response'
