import { getLines, getMessages } from '@microsoft/fetch-event-source/lib/cjs/parse.js'
import { createParser } from 'eventsource-parser'
import type { BenchConfig, Cell, GroupResult } from './shared/report'
import { median } from './shared/stats'
import { word } from './shared/workload'

/** What a decoder saw: event or row count and total data length, compared across contenders. */
interface Tally {
  count: number
  length: number
}

interface DecodeContender {
  id: string
  label: string
  /** `chunks` are the body bytes; `strings` the same body already decoded chunk by chunk (for parsers that take text). */
  decode(chunks: Uint8Array[], strings: string[]): Promise<Tally>
}

/** Delivers chunks one by one through an async iterator, the way `response.body` does, for every contender. */
async function* deliver<T>(chunks: T[]): AsyncGenerator<T> {
  for (const chunk of chunks) yield chunk
}

const loadCore = () => import('@streamkit/stream-core')

const sseContenders: DecodeContender[] = [
  {
    id: 'stream-core',
    label: 'stream-core decodeSse (bytes in)',
    async decode(chunks) {
      const { decodeSse } = await loadCore()
      const tally = { count: 0, length: 0 }
      for await (const event of decodeSse(deliver(chunks))) {
        tally.count++
        tally.length += event.data.length
      }
      return tally
    },
  },
  {
    id: 'eventsource-parser-strings',
    label: 'eventsource-parser 3 (strings in, decoded beforehand)',
    async decode(_chunks, strings) {
      const tally = { count: 0, length: 0 }
      const parser = createParser({
        onEvent(event) {
          tally.count++
          tally.length += event.data.length
        },
      })
      for await (const text of deliver(strings)) parser.feed(text)
      return tally
    },
  },
  {
    id: 'eventsource-parser-bytes',
    label: 'eventsource-parser 3 + TextDecoder (bytes in)',
    async decode(chunks) {
      const tally = { count: 0, length: 0 }
      const decoder = new TextDecoder()
      const parser = createParser({
        onEvent(event) {
          tally.count++
          tally.length += event.data.length
        },
      })
      for await (const chunk of deliver(chunks)) parser.feed(decoder.decode(chunk, { stream: true }))
      parser.feed(decoder.decode())
      return tally
    },
  },
  {
    id: 'fetch-event-source',
    label: '@microsoft/fetch-event-source parser (bytes in)',
    async decode(chunks) {
      const tally = { count: 0, length: 0 }
      const onChunk = getLines(
        getMessages(
          () => {},
          () => {},
          (message) => {
            tally.count++
            tally.length += message.data.length
          },
        ),
      )
      for await (const chunk of deliver(chunks)) onChunk(chunk)
      return tally
    },
  },
]

const ndjsonContenders: DecodeContender[] = [
  {
    id: 'stream-core',
    label: 'stream-core decodeNdjson (bytes in)',
    async decode(chunks) {
      const { decodeNdjson } = await loadCore()
      const tally = { count: 0, length: 0 }
      for await (const row of decodeNdjson<{ word: string }>(deliver(chunks))) {
        tally.count++
        tally.length += row.word.length
      }
      return tally
    },
  },
  {
    id: 'naive',
    label: 'naive buffer += text; split("\\n"); JSON.parse',
    async decode(chunks) {
      const tally = { count: 0, length: 0 }
      const decoder = new TextDecoder()
      let buffer = ''
      const take = (line: string) => {
        if (line.trim() === '') return
        const row = JSON.parse(line) as { word: string }
        tally.count++
        tally.length += row.word.length
      }
      for await (const chunk of deliver(chunks)) {
        buffer += decoder.decode(chunk, { stream: true })
        const lines = buffer.split('\n')
        buffer = lines.pop() ?? ''
        for (const line of lines) take(line)
      }
      take(buffer + decoder.decode())
      return tally
    },
  },
]

/** Some words carry multi-byte characters, so chunk edges split them and UTF-8 decoding is exercised. */
function payloadWord(index: number): string {
  const plain = word(index).trimEnd()
  return index % 10 === 0 ? `${plain}ü日本` : plain
}

/** An LLM-like SSE body: an event name, a JSON delta and an id per event. */
function sseBody(targetBytes: number): string {
  const parts: string[] = []
  let size = 0
  for (let index = 0; size < targetBytes; index++) {
    const frame = `event: text\ndata: {"type":"text","delta":"${payloadWord(index)} "}\nid: ${index}\n\n`
    parts.push(frame)
    size += frame.length
  }
  return parts.join('')
}

function ndjsonBody(targetBytes: number): string {
  const parts: string[] = []
  let size = 0
  for (let index = 0; size < targetBytes; index++) {
    const line = `${JSON.stringify({ id: index, word: payloadWord(index) })}\n`
    parts.push(line)
    size += line.length
  }
  return parts.join('')
}

function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size))
  return chunks
}

/**
 * Group 2: client decode throughput, in this process. The same body is cut into 64 KiB and 16-byte chunks
 * and delivered to each decoder through the same async iterator; MB/s is body bytes over wall time, median of
 * `runs` after a warm-up. Every contender must report the same event count and data length as the first.
 */
export async function runDecodeThroughput(config: BenchConfig): Promise<GroupResult> {
  const targetBytes = config.quick ? 512 * 1024 : 16 * 1024 * 1024
  const runs = config.quick ? 1 : Math.max(config.runs, 5)
  const rows: Record<string, Cell>[] = []
  const notes: string[] = [
    `${(targetBytes / 2 ** 20).toFixed(1)} MiB bodies (SSE: \`event\`/\`data\` JSON/\`id\` per event; NDJSON: {"id","word"} rows; every 10th word has multi-byte characters), median of ${runs} run(s) after a warm-up. MB = 10^6 bytes.`,
    'eventsource-parser takes strings: its "strings in" row is fed text decoded before the clock starts (how its own benchmark measures it); the "bytes in" rows include UTF-8 decoding, as a client reading response.body must.',
  ]
  const encoder = new TextEncoder()
  const bodies = [
    { format: 'sse', bytes: encoder.encode(sseBody(targetBytes)), contenders: sseContenders },
    { format: 'ndjson', bytes: encoder.encode(ndjsonBody(targetBytes)), contenders: ndjsonContenders },
  ]
  for (const body of bodies) {
    for (const chunkSize of [64 * 1024, 16]) {
      const chunks = split(body.bytes, chunkSize)
      const decoder = new TextDecoder()
      const strings = chunks.map((chunk) => decoder.decode(chunk, { stream: true }))
      let expected: Tally | undefined
      for (const contender of body.contenders) {
        const row: Record<string, Cell> = {
          format: body.format,
          chunks: chunkSize === 16 ? '16 B' : '64 KiB',
          contender: contender.label,
        }
        rows.push(row)
        try {
          const tally = await contender.decode(chunks, strings)
          expected ??= tally
          if (tally.count !== expected.count || tally.length !== expected.length) {
            row.remark = `MISMATCH: ${tally.count} items / ${tally.length} chars, expected ${expected.count} / ${expected.length}`
            continue
          }
          const rates: number[] = []
          for (let run = 0; run < runs; run++) {
            const started = performance.now()
            await contender.decode(chunks, strings)
            rates.push(body.bytes.length / 1e6 / ((performance.now() - started) / 1000))
          }
          row.mbPerSecond = median(rates)
          row.remark = `${tally.count.toLocaleString('en-US')} items ok`
        } catch (error) {
          row.remark = `failed: ${error instanceof Error ? error.message : String(error)}`
        }
      }
    }
  }
  for (const row of rows) {
    const reference = rows.find(
      (candidate) =>
        candidate.format === row.format &&
        candidate.chunks === row.chunks &&
        String(candidate.contender).startsWith(
          row.format === 'sse' ? 'eventsource-parser 3 (strings' : 'naive',
        ),
    )
    row.vsReference =
      typeof row.mbPerSecond === 'number' && typeof reference?.mbPerSecond === 'number'
        ? row.mbPerSecond / reference.mbPerSecond
        : null
  }
  for (const chunks of ['64 KiB', '16 B']) {
    const core = rows.find(
      (row) => row.format === 'sse' && row.chunks === chunks && row.contender === sseContenders[0]?.label,
    )
    if (typeof core?.vsReference === 'number') {
      notes.push(
        `SSE, ${chunks} chunks: stream-core (bytes in) at ${core.vsReference.toFixed(2)}x eventsource-parser on strings (target >= 1x: ${core.vsReference >= 1 ? 'met' : 'NOT met'}).`,
      )
    }
  }
  notes.push(
    '"vs ref" = MB/s relative to eventsource-parser on strings (SSE) or to the naive split (NDJSON), same chunking.',
  )
  return {
    id: 'decode',
    title: '2. Client decode throughput (same bytes, same chunking)',
    columns: [
      { key: 'format', label: 'format' },
      { key: 'chunks', label: 'chunks' },
      { key: 'contender', label: 'decoder' },
      { key: 'mbPerSecond', label: 'MB/s', format: 'fixed1' },
      { key: 'vsReference', label: 'vs ref', format: 'ratio' },
      { key: 'remark', label: '' },
    ],
    rows,
    chart: {
      valueKey: 'mbPerSecond',
      labelKeys: ['format', 'chunks', 'contender'],
      axis: 'MB/s decoded',
      higherIsBetter: true,
    },
    notes,
  }
}
