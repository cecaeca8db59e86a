// Public surface of @streamkit/stream-core: re-exports only.

// errors
export { EncodeError } from './errors/encode-error'
export type { ErrorFrame } from './errors/error-frame'
export { DEFAULT_ERROR_MESSAGE, NDJSON_ERROR_KEY, SSE_ERROR_EVENT } from './errors/error-frame'
export { ErrorFrameError } from './errors/error-frame-error'
export { HttpError } from './errors/http-error'
export { NetworkError } from './errors/network-error'
export { ParseError } from './errors/parse-error'
export type { StreamErrorCode } from './errors/stream-error'
export { StreamError } from './errors/stream-error'
export type { ByteSource, StreamFormat } from './formats/byte-source'
export type { SseEvent, SseMessage } from './formats/sse-types'
// source -> stream, response, coalescing (core-server)
export type { StreamSource, ToReadableStreamOptions } from './source'
export { toReadableStream } from './source'
export type { InferStreamItem, StreamResponse } from './typed-response'

// wire formats (core-formats)

// client session (client)
