import { EncodeError } from '../errors/encode-error'
import type { StreamFormat } from '../formats/byte-source'

/**
 * A request body: anything `fetch` accepts, or a plain object / array, which is sent as JSON with
 * `Content-Type: application/json`. With SSE reconnects the body is sent again, so it must be re-readable
 * (not a `ReadableStream`).
 * @example
 * const body: StreamRequestBody = { messages: [{ role: 'user', content: 'Hi' }] } // sent as JSON
 */
export type StreamRequestBody = BodyInit | Record<string, unknown> | readonly unknown[] | null

/**
 * What the client sends: set on the session, overridden per call by `start(input)`.
 * @example
 * session.start({ body: { prompt: 'Hello' }, headers: { authorization: `Bearer ${token}` } })
 */
export interface StreamRequest {
  /** The URL to fetch. */
  url?: string | URL
  /** HTTP method; default `POST` when there is a body, else `GET`. */
  method?: string
  /** Extra request headers; per-call headers are merged over the session's. */
  headers?: HeadersInit
  /** Request body; plain objects and arrays are sent as JSON. */
  body?: StreamRequestBody
  /** `credentials` mode of the request. */
  credentials?: RequestCredentials
  /** The `fetch` to use (tests, auth wrappers, a polyfill); default the global `fetch`. */
  fetch?: typeof fetch
}

const acceptByFormat: Record<StreamFormat, string | undefined> = {
  text: undefined,
  ndjson: 'application/x-ndjson',
  sse: 'text/event-stream',
}

/**
 * Merges the session's request with the per-call one: per-call values win, headers are merged.
 * @example
 * mergeStreamRequests({ url: '/a', headers: { a: '1' } }, { body: 'x', headers: { b: '2' } })
 * // { url: '/a', body: 'x', headers: Headers { a: '1', b: '2' } }
 */
export function mergeStreamRequests(base: StreamRequest, override: StreamRequest | undefined): StreamRequest {
  if (!override) return base
  const headers = new Headers(base.headers)
  for (const [key, value] of new Headers(override.headers)) headers.set(key, value)
  const merged: StreamRequest = { ...base }
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) Object.assign(merged, { [key]: value })
  }
  merged.headers = headers
  return merged
}

/**
 * The `RequestInit` for one connection: JSON-encodes plain-object bodies, asks for the format with `Accept`,
 * and sends `Last-Event-ID` when resuming an SSE stream.
 * @throws {EncodeError} when a plain-object body cannot be JSON-encoded (a cycle, a BigInt).
 * @example
 * await fetch(url, buildRequestInit({ body: { q: 1 } }, 'sse', controller.signal, lastEventId))
 */
export function buildRequestInit(
  request: StreamRequest,
  format: StreamFormat,
  signal: AbortSignal,
  lastEventId: string,
): RequestInit {
  const headers = new Headers(request.headers)
  const accept = acceptByFormat[format]
  if (accept && !headers.has('accept')) headers.set('accept', accept)
  if (format === 'sse' && lastEventId !== '') headers.set('last-event-id', lastEventId)

  let body: BodyInit | null | undefined
  if (isJsonBody(request.body)) {
    body = jsonBody(request.body)
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  } else {
    body = request.body
  }

  const init: RequestInit = {
    method: request.method ?? (body === undefined || body === null ? 'GET' : 'POST'),
    headers,
    signal,
  }
  if (body !== undefined && body !== null) init.body = body
  if (request.credentials) init.credentials = request.credentials
  if (format === 'sse') init.cache = 'no-store'
  return init
}

function jsonBody(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch (error) {
    // A cycle or a BigInt: the request cannot be sent, and retrying would not help.
    throw new EncodeError('The request body cannot be sent as JSON.', { cause: error })
  }
}

function isJsonBody(body: unknown): body is Record<string, unknown> | readonly unknown[] {
  if (Array.isArray(body)) return true
  if (typeof body !== 'object' || body === null) return false
  const prototype = Object.getPrototypeOf(body)
  return prototype === Object.prototype || prototype === null
}
