import type { StreamFormat } from '../formats/byte-source'
import { decodeNdjson } from '../formats/ndjson'
import { decodeSse } from '../formats/sse'
import { decodeText } from '../formats/text'

/** What the session hears from the decoder besides chunks. */
export interface DecodeBodyOptions {
  signal: AbortSignal
  /** SSE `retry:` field, in milliseconds. */
  onRetry: (ms: number) => void
  /** SSE: the last event ID in force from earlier connections; events without `id:` carry it. */
  lastEventId: string
}

/**
 * Decodes a response body in the given wire format with stream-core's decoders: strings for text, parsed
 * items for NDJSON, events for SSE. In-band error frames throw `ErrorFrameError`, bad bytes `ParseError`.
 */
export function decodeBody(
  body: ReadableStream<Uint8Array>,
  format: StreamFormat,
  options: DecodeBodyOptions,
): AsyncIterable<unknown> {
  switch (format) {
    case 'text':
      return decodeText(body, { signal: options.signal })
    case 'ndjson':
      return decodeNdjson(body, { signal: options.signal })
    case 'sse':
      return decodeSse(body, {
        signal: options.signal,
        onRetry: options.onRetry,
        lastEventId: options.lastEventId,
      })
  }
}
