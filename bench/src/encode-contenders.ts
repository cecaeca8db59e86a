import { createTextStreamResponse, createUIMessageStream, createUIMessageStreamResponse } from 'ai'
import { Hono } from 'hono'
import { stream, streamSSE, streamText } from 'hono/streaming'
import { readableFrom } from './shared/readable-from'
import { type Row, rows, words } from './shared/workload'

/** The three wire formats of group 1. */
export type EncodeFormat = 'text' | 'ndjson' | 'sse'

/** One way of turning `count` ready items into a streaming Response. */
export interface EncodeContender {
  id: string
  label: string
  /** A more precise name per format, e.g. which Hono helper serves it. */
  labels?: Partial<Record<EncodeFormat, string>>
  formats: EncodeFormat[]
  /** A Response streaming `count` items of the format; `signal` aborts when the client goes away. */
  respond(format: EncodeFormat, count: number, signal: AbortSignal): Response | Promise<Response>
  /** Shown under the table, e.g. when the bytes on the wire differ from the other rows. */
  note?: string
}

/** Loaded on first use, so the other rows still run while a stream-core export is missing. */
const loadCore = () => import('@streamkit/stream-core')

const CONTENT_TYPES: Record<EncodeFormat, string> = {
  text: 'text/plain; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  sse: 'text/event-stream; charset=utf-8',
}

const encodeFrame: Record<EncodeFormat, (item: string | Row) => string> = {
  text: (item) => item as string,
  ndjson: (item) => `${JSON.stringify(item)}\n`,
  sse: (item) => `data: ${item as string}\n\n`,
}

/** The format's items: words for text and SSE data, small records for NDJSON. */
function items(format: EncodeFormat, count: number): AsyncGenerator<string | Row> {
  return format === 'ndjson' ? rows(count) : words(count)
}

function headers(format: EncodeFormat): HeadersInit {
  return { 'content-type': CONTENT_TYPES[format], 'cache-control': 'no-cache' }
}

async function* encodeEach(
  source: AsyncIterable<string | Row>,
  format: EncodeFormat,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder()
  for await (const item of source) yield encoder.encode(encodeFrame[format](item))
}

const honoApp = (format: EncodeFormat, count: number) =>
  new Hono().get('/', (c) => {
    if (format === 'sse') {
      return streamSSE(c, async (sse) => {
        for await (const item of words(count)) await sse.writeSSE({ data: item })
      })
    }
    if (format === 'text') {
      return streamText(c, async (text) => {
        for await (const item of words(count)) await text.write(item)
      })
    }
    c.header('content-type', CONTENT_TYPES.ndjson)
    return stream(c, async (body) => {
      for await (const item of rows(count)) await body.write(`${JSON.stringify(item)}\n`)
    })
  })

/** Every contender of group 1, the ceiling last. */
export const encodeContenders: EncodeContender[] = [
  {
    id: 'stream-core',
    label: 'stream-core streamResponse',
    formats: ['text', 'ndjson', 'sse'],
    respond: async (format, count, signal) => {
      const { streamResponse } = await loadCore()
      return streamResponse(items(format, count), { format, signal })
    },
  },
  {
    id: 'stream-core-no-coalesce',
    label: 'stream-core, coalesceBytes: 0',
    formats: ['text', 'ndjson', 'sse'],
    respond: async (format, count, signal) => {
      const { streamResponse } = await loadCore()
      return streamResponse(items(format, count), { format, signal, coalesceBytes: 0 })
    },
    note: 'stream-core with coalescing off: one chunk per item, to show what coalescing buys.',
  },
  {
    id: 'pull',
    label: 'pull ReadableStream, 1 chunk/item',
    formats: ['text', 'ndjson', 'sse'],
    respond: (format, count) => {
      const iterator = items(format, count)
      const encoder = new TextEncoder()
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const result = await iterator.next()
          if (result.done) controller.close()
          else controller.enqueue(encoder.encode(encodeFrame[format](result.value)))
        },
        async cancel() {
          await iterator.return(undefined)
        },
      })
      return new Response(body, { headers: headers(format) })
    },
  },
  {
    id: 'from',
    label: 'ReadableStream.from',
    formats: ['text', 'ndjson', 'sse'],
    respond: (format, count) =>
      new Response(readableFrom(encodeEach(items(format, count), format)), { headers: headers(format) }),
  },
  {
    id: 'start-loop',
    label: "tutorial's start() loop",
    formats: ['text', 'ndjson', 'sse'],
    respond: (format, count) => {
      const encoder = new TextEncoder()
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          for await (const item of items(format, count))
            controller.enqueue(encoder.encode(encodeFrame[format](item)))
          controller.close()
        },
      })
      return new Response(body, { headers: headers(format) })
    },
  },
  {
    id: 'hono',
    label: 'Hono streaming helpers',
    labels: { text: 'Hono streamText', ndjson: 'Hono stream', sse: 'Hono streamSSE' },
    formats: ['text', 'ndjson', 'sse'],
    respond: (format, count, signal) =>
      honoApp(format, count).fetch(new Request('http://bench/', { signal })) as Response | Promise<Response>,
  },
  {
    id: 'ai-sdk',
    label: 'AI SDK stream responses',
    labels: { text: 'AI SDK createTextStreamResponse', sse: 'AI SDK createUIMessageStreamResponse' },
    formats: ['text', 'sse'],
    respond: (format, count) => {
      if (format === 'text') return createTextStreamResponse({ textStream: readableFrom(words(count)) })
      const ui = createUIMessageStream({
        execute: async ({ writer }) => {
          writer.write({ type: 'text-start', id: 't' })
          for await (const delta of words(count)) writer.write({ type: 'text-delta', id: 't', delta })
          writer.write({ type: 'text-end', id: 't' })
        },
      })
      return createUIMessageStreamResponse({ stream: ui })
    },
    note: 'AI SDK SSE row: UI message stream parts (`data: {"type":"text-delta",...}`), more bytes per item than the other SSE rows; items/s compares, MB/s does not. AI SDK has no NDJSON response.',
  },
  {
    id: 'ceiling',
    label: 'ideal batched writer, 64 KiB chunks (ceiling)',
    formats: ['text', 'ndjson', 'sse'],
    respond: (format, count) => {
      const iterator = items(format, count)
      const encoder = new TextEncoder()
      const budget = 64 * 1024
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          let text = ''
          while (text.length < budget) {
            const result = await iterator.next()
            if (result.done) {
              if (text) controller.enqueue(encoder.encode(text))
              controller.close()
              return
            }
            text += encodeFrame[format](result.value)
          }
          controller.enqueue(encoder.encode(text))
        },
        async cancel() {
          await iterator.return(undefined)
        },
      })
      return new Response(body, { headers: headers(format) })
    },
  },
]
