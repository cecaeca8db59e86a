import { Coalescer, type FailedBatch } from './coalesce'
import type { ErrorFrame } from './errors/error-frame'
import { maskError, type StreamErrorHandler } from './errors/mask-error'
import type { StreamFormat } from './formats/byte-source'
import { encodeNdjson, encodeNdjsonError } from './formats/ndjson'
import { encodeSse, encodeSseData, encodeSseError } from './formats/sse'
import type { SseMessage } from './formats/sse-types'
import { encodeText } from './formats/text'
import { Heartbeat } from './heartbeat'
import { type StreamSource, toReadableStream } from './source'
import type { StreamResponse } from './typed-response'

/**
 * Options of {@link streamResponse}.
 * @example
 * const options: StreamResponseOptions<Row> = {
 *   format: 'ndjson',
 *   signal: request.signal,
 *   onError: (error) => void logger.error(error),
 * }
 */
export interface StreamResponseOptions<T> {
  /** Wire format: `'text'` (items must be strings), `'ndjson'` (one JSON value per line) or `'sse'`. */
  format: StreamFormat
  /** Pass `request.signal`: when the client goes away the source is settled (`return()`, signal aborted). */
  signal?: AbortSignal
  /** Response status when streaming starts. Default 200. */
  status?: number
  /** Extra headers, added to (and able to override) the streaming defaults. */
  headers?: HeadersInit
  /**
   * How many items the source may be pulled ahead of the network. Default 1 (0 behaves the same): only the
   * next item, whose pull tells whether the source has it ready. Above 1, a read-ahead buffer of that size.
   */
  highWaterMark?: number
  /**
   * SSE only: send a `: ping` comment after this many milliseconds without an item, so proxies keep an idle
   * connection open. Default 15000; `false` disables it.
   */
  heartbeatMs?: number | false
  /**
   * Bytes of padding sent first, for browsers that hold back the start of a response (Safari, ~1 KB).
   * `true` = 2048. SSE: one comment line; NDJSON: empty lines (decoders skip blank lines); text: not applied,
   * since it would change the body.
   */
  padding?: number | boolean
  /**
   * Decides what the client sees when the source (or encoding an item) fails, and is where server-side
   * logging goes. Default: the error is logged with `console.error` and the client gets
   * {@link DEFAULT_ERROR_MESSAGE}; the raw message and stack are never sent unless you return them.
   */
  onError?: StreamErrorHandler
  /**
   * SSE only: how an item becomes an event. Default `(item) => ({ data: item })`: strings are sent as-is,
   * anything else as JSON, as a plain `message` event. Objects are never guessed to be `SseMessage`s; to
   * stream messages with `event` / `id` fields, pass `toSse: (message) => message`.
   */
  toSse?: (item: T) => SseMessage
  /**
   * Byte budget of one chunk: items the source already has ready (it hands them over within the same turn
   * of the event loop) are encoded together into chunks of at most this many bytes (an item larger than that
   * is cut across chunks), while an item is never held back waiting for the next: once the source has to
   * wait, what is buffered is sent. Default 65536; 0 sends one chunk per item, whatever its size.
   */
  coalesceBytes?: number
}

const CONTENT_TYPES: Record<StreamFormat, string> = {
  text: 'text/plain; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  sse: 'text/event-stream; charset=utf-8',
}

const DEFAULT_HEARTBEAT_MS = 15_000
const DEFAULT_PADDING_BYTES = 2048
const DEFAULT_COALESCE_BYTES = 64 * 1024

/**
 * Streams `source` as a Web `Response` in the chosen format, with the headers that stop proxies and
 * compression from buffering it (`Cache-Control: no-cache, no-transform`, `X-Accel-Buffering: no`).
 *
 * Asynchronous on purpose: it waits for the source's first item (or its end) before answering, so an
 * error thrown before the first item becomes a real HTTP error: status 500 with JSON
 * `{ "error": "<masked message>", "code"?: "..." }` (`onError` decides the message, as for frames). For SSE
 * with a heartbeat, it answers at the first heartbeat at the latest, so a slow first item cannot hold the
 * headers past a proxy's idle timeout; an error after that is an in-band frame.
 *
 * After the first item, an error becomes, for SSE, an `event: error` frame and for NDJSON a
 * `{"$error":{...}}` line, then the body closes cleanly; for text, which has no frames, the body errors
 * (the client sees a truncated, failed download) after `onError` is called.
 *
 * The body is pull-based end to end: the source is only pulled as the client reads, items that are ready
 * together leave in one chunk (see `coalesceBytes`), and `request.signal` / a client cancel settle the
 * source (`return()` runs, the signal of a source function aborts).
 * @example
 * // app/api/tokens/route.ts
 * export function GET(request: Request) {
 *   return streamResponse(
 *     async function* (signal) {
 *       for await (const token of llm.stream({ signal })) yield { token }
 *     },
 *     { format: 'sse', signal: request.signal },
 *   )
 * }
 */
export async function streamResponse<T, F extends StreamFormat>(
  source: StreamSource<T>,
  options: StreamResponseOptions<T> & { format: F },
): Promise<StreamResponse<T, F>> {
  const { format, signal, onError } = options
  const highWaterMark = options.highWaterMark ?? 1
  const chunkBytes = options.coalesceBytes ?? DEFAULT_COALESCE_BYTES
  const items = new Coalescer(
    // The coalescer itself runs at most one item ahead; more read-ahead goes through a stream's buffer.
    highWaterMark > 1 ? toReadableStream(source, { highWaterMark }) : source,
    {
      signal,
      encode: itemEncoder(format, options.toSse),
      // A batch of this many UTF-16 units is at least this many bytes; the body cuts it to `chunkBytes`.
      budgetUnits: chunkBytes,
    },
  )
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS
  const heartbeat = format === 'sse' && heartbeatMs !== false ? new Heartbeat(heartbeatMs) : undefined

  const first = await items.peek(heartbeat?.due())
  heartbeat?.stop()
  if (first && !first.ok && !isAbort(first.error, signal)) {
    return errorResponse(maskError(first.error, onError), options.headers) as StreamResponse<T, F>
  }

  const headers = new Headers(options.headers)
  if (!headers.has('Content-Type')) headers.set('Content-Type', CONTENT_TYPES[format])
  headers.set('Cache-Control', 'no-cache, no-transform')
  headers.set('X-Accel-Buffering', 'no')
  // The first heartbeat interval already passed if the first item is not there yet: ping right away.
  const body = encodeBody(items, options, chunkBytes, heartbeat, first === undefined)
  return new Response(body, { status: options.status ?? 200, headers }) as StreamResponse<T, F>
}

function encodeBody<T>(
  items: Coalescer<T>,
  options: StreamResponseOptions<T>,
  chunkBytes: number,
  heartbeat: Heartbeat | undefined,
  pingFirst: boolean,
): ReadableStream<Uint8Array> {
  const { format, signal, onError } = options
  const encoder = new TextEncoder()
  /** Enqueues the batch's text as UTF-8, in chunks of at most `chunkBytes` (any size when it is 0). */
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
    const bytes = encoder.encode(text)
    if (chunkBytes <= 0 || bytes.length <= chunkBytes) {
      controller.enqueue(bytes)
      return
    }
    for (let at = 0; at < bytes.length; at += chunkBytes)
      controller.enqueue(bytes.subarray(at, at + chunkBytes))
  }
  const ping = encodeSse({ comment: 'ping' })
  let prefix = paddingText(format, options.padding) + (pingFirst ? ping : '')
  // Text has no error frame: the body errors on the read after the bytes that came before the error.
  let textFailure: { error: unknown } | undefined
  let finished = false

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (prefix) {
          controller.enqueue(encoder.encode(prefix))
          prefix = ''
          return
        }
        if (textFailure) {
          finished = true
          controller.error(textFailure.error)
          return
        }
        const batch = await items.read(heartbeat?.due())
        heartbeat?.stop()
        if (finished) return
        if (!batch) {
          controller.enqueue(encoder.encode(ping))
          return
        }
        if (batch.end === 'open') {
          send(controller, batch.text)
        } else if (batch.end === 'done') {
          finished = true
          if (batch.text) send(controller, batch.text)
          controller.close()
        } else if (isAbort(batch.error, signal)) {
          finished = true
          controller.error(batch.error)
        } else {
          await fail(controller, batch)
        }
      },

      cancel(reason) {
        finished = true
        heartbeat?.stop()
        return items.cancel(reason ?? new DOMException('The stream was cancelled.', 'AbortError'))
      },
    },
    { highWaterMark: 0 },
  )

  async function fail(controller: ReadableStreamDefaultController<Uint8Array>, batch: FailedBatch) {
    try {
      // An `onError` that throws errors the body with its own error: nothing is swallowed.
      const frame = maskError(batch.error, onError)
      if (format !== 'text') {
        finished = true
        send(controller, batch.text + errorFrameText(format, frame))
        controller.close()
      } else if (batch.text) {
        textFailure = { error: batch.error }
        send(controller, batch.text)
      } else {
        finished = true
        controller.error(batch.error)
      }
    } finally {
      // An item that failed to encode leaves the source open: settle it once the client has what it needs.
      // A failure of the source's own cleanup has no channel left to the client, so it is not reported there.
      if (batch.encoding) await items.cancel(batch.error).catch(() => {})
    }
  }
}

function itemEncoder<T>(format: StreamFormat, toSse: ((item: T) => SseMessage) | undefined) {
  if (format === 'ndjson') return encodeNdjson
  if (format === 'text') return encodeText as (item: T) => string
  return toSse ? (item: T) => encodeSse(toSse(item)) : encodeSseData
}

function errorFrameText(format: StreamFormat, frame: ErrorFrame): string {
  return format === 'sse' ? encodeSseError(frame) : encodeNdjsonError(frame)
}

function paddingText(format: StreamFormat, padding: number | boolean | undefined): string {
  const bytes = padding === true ? DEFAULT_PADDING_BYTES : padding || 0
  if (bytes <= 0 || format === 'text') return ''
  if (format === 'ndjson') return '\n'.repeat(bytes)
  return encodeSse({ comment: ' '.repeat(bytes) })
}

/** An error that is only the client leaving (our `signal` aborted with it): nothing to report. */
function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && error === signal.reason
}

function errorResponse(frame: ErrorFrame, extraHeaders: HeadersInit | undefined): Response {
  const headers = new Headers(extraHeaders)
  headers.set('Content-Type', 'application/json; charset=utf-8')
  headers.set('Cache-Control', 'no-cache, no-transform')
  const body =
    frame.code === undefined ? { error: frame.message } : { error: frame.message, code: frame.code }
  return new Response(JSON.stringify(body), { status: 500, headers })
}
