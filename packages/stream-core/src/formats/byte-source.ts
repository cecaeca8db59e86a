/** What every decoder reads: `response.body`, or any async iterable of bytes. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

/** Wire formats stream-core speaks. */
export type StreamFormat = 'text' | 'ndjson' | 'sse'
