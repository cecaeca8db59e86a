import { getLines, getMessages } from '@microsoft/fetch-event-source/lib/cjs/parse.js'
import { createParser } from 'eventsource-parser'
import { EventSourceParserStream } from 'eventsource-parser/stream'
import type { BenchConfig, Cell, GroupResult } from './shared/report'
import { median } from './shared/stats'
import { word } from './shared/workload'

/** What a decoder saw: event or row count and total data length, compared across contenders. */
interface Tally {
  count: number
  length: number
}

/** The same body as bytes (in chunks), and as text decoded chunk by chunk before the clock starts. */
interface Input {
  chunks: Uint8Array[]
  strings: string[]
}

interface DecodeContender {
  id: string
  label: string
  /** `push`: chunks fed in a plain loop (a parser's own benchmark); `stream`: read from a ReadableStream. */
  mode: 'push' | 'stream'
  decode(input: Input): Tally | Promise<Tally>
}

/** A `ReadableStream` of the chunks, one per pull: what a decoder reading `response.body` gets. */
function bodyOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[next++]
        if (chunk) controller.enqueue(chunk)
        else controller.close()
      },
    },
    { highWaterMark: 0 },
  )
}

const newTally = (): Tally => ({ count: 0, length: 0 })

/** A callback that counts what a parser reports into `tally`: one item and the length of its data. */
const countInto =
  (tally: Tally) =>
  (event: { data: string }): void => {
    tally.count++
    tally.length += event.data.length
  }

const loadCore = () => import('@streamkit/stream-core')

/** stream-core's push parser fed `pieces`: the body's bytes, or the text decoded from them beforehand. */
async function coreSsePush(pieces: Uint8Array[] | string[]): Promise<Tally> {
  const { createSseParser } = await loadCore()
  const tally = newTally()
  const parser = createSseParser({ onEvent: countInto(tally) })
  for (const piece of pieces) parser.feed(piece)
  parser.end()
  return tally
}

const sseContenders: DecodeContender[] = [
  {
    id: 'eventsource-parser-strings',
    label: 'eventsource-parser 3, strings in (decoded beforehand)',
    mode: 'push',
    decode({ strings }) {
      const tally = newTally()
      const parser = createParser({
        onEvent: countInto(tally),
      })
      for (const text of strings) parser.feed(text)
      return tally
    },
  },
  {
    id: 'stream-core-strings',
    label: 'stream-core createSseParser, strings in (decoded beforehand)',
    mode: 'push',
    decode: ({ strings }) => coreSsePush(strings),
  },
  {
    id: 'stream-core-push',
    label: 'stream-core createSseParser, bytes in',
    mode: 'push',
    decode: ({ chunks }) => coreSsePush(chunks),
  },
  {
    id: 'eventsource-parser-bytes',
    label: 'eventsource-parser 3 + TextDecoder, bytes in',
    mode: 'push',
    decode({ chunks }) {
      const tally = newTally()
      const decoder = new TextDecoder()
      const parser = createParser({
        onEvent: countInto(tally),
      })
      for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }))
      parser.feed(decoder.decode())
      return tally
    },
  },
  {
    id: 'fetch-event-source',
    label: '@microsoft/fetch-event-source parser, bytes in',
    mode: 'push',
    decode({ chunks }) {
      const tally = newTally()
      const onChunk = getLines(
        getMessages(
          () => {},
          () => {},
          countInto(tally),
        ),
      )
      for (const chunk of chunks) onChunk(chunk)
      return tally
    },
  },
  {
    id: 'stream-core',
    label: 'stream-core decodeSse(body), for await',
    mode: 'stream',
    async decode({ chunks }) {
      const { decodeSse } = await loadCore()
      const tally = newTally()
      const count = countInto(tally)
      for await (const event of decodeSse(bodyOf(chunks))) count(event)
      return tally
    },
  },
  {
    id: 'eventsource-parser-stream',
    label: 'eventsource-parser 3 EventSourceParserStream, body.pipeThrough',
    mode: 'stream',
    async decode({ chunks }) {
      const tally = newTally()
      const events = bodyOf(chunks)
        .pipeThrough(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>)
        .pipeThrough(new EventSourceParserStream())
      const count = countInto(tally)
      for await (const event of events) count(event)
      return tally
    },
  },
  {
    id: 'decode-only',
    label: 'floor: TextDecoder alone, no parsing',
    mode: 'push',
    decode({ chunks }) {
      const tally = newTally()
      const decoder = new TextDecoder()
      let text = ''
      for (const chunk of chunks) {
        text = decoder.decode(chunk, { stream: true })
        tally.length += text.length
      }
      return tally
    },
  },
]

/** The naive NDJSON split most hand-written clients do: append decoded text, split on LF, parse each line. */
function naiveNdjson(tally: Tally) {
  const decoder = new TextDecoder()
  let buffer = ''
  const take = (line: string) => {
    if (line.trim() === '') return
    const row = JSON.parse(line) as { word: string }
    tally.count++
    tally.length += row.word.length
  }
  return {
    feed(chunk: Uint8Array) {
      buffer += decoder.decode(chunk, { stream: true })
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) take(line)
    },
    end() {
      take(buffer + decoder.decode())
    },
  }
}

const ndjsonContenders: DecodeContender[] = [
  {
    id: 'naive',
    label: 'naive buffer += text; split("\\n"); JSON.parse',
    mode: 'push',
    decode({ chunks }) {
      const tally = newTally()
      const naive = naiveNdjson(tally)
      for (const chunk of chunks) naive.feed(chunk)
      naive.end()
      return tally
    },
  },
  {
    id: 'stream-core-push',
    label: 'stream-core createNdjsonParser, bytes in',
    mode: 'push',
    async decode({ chunks }) {
      const { createNdjsonParser } = await loadCore()
      const tally = newTally()
      const parser = createNdjsonParser<{ word: string }>({
        onValue(row) {
          tally.count++
          tally.length += row.word.length
        },
      })
      for (const chunk of chunks) parser.feed(chunk)
      parser.end()
      return tally
    },
  },
  {
    id: 'stream-core',
    label: 'stream-core decodeNdjson(body), for await',
    mode: 'stream',
    async decode({ chunks }) {
      const { decodeNdjson } = await loadCore()
      const tally = newTally()
      for await (const row of decodeNdjson<{ word: string }>(bodyOf(chunks))) {
        tally.count++
        tally.length += row.word.length
      }
      return tally
    },
  },
  {
    id: 'naive-stream',
    label: 'naive split, reading the body (for await)',
    mode: 'stream',
    async decode({ chunks }) {
      const tally = newTally()
      const naive = naiveNdjson(tally)
      for await (const chunk of bodyOf(chunks)) naive.feed(chunk)
      naive.end()
      return tally
    },
  },
]

/**
 * Mixed bodies: every 10th word carries multi-byte characters, so chunk edges split them and UTF-8 decoding
 * is exercised (and no 64 KiB chunk is pure ASCII). ASCII bodies: plain words only.
 */
function payloadWord(index: number, ascii: boolean): string {
  const plain = word(index).trimEnd()
  return index % 10 === 0 && !ascii ? `${plain}ü日本` : plain
}

/** An LLM-like SSE body: an event name, a JSON delta and an id per event. */
function sseBody(targetBytes: number, ascii: boolean): string {
  const parts: string[] = []
  let size = 0
  for (let index = 0; size < targetBytes; index++) {
    const frame = `event: text\ndata: {"type":"text","delta":"${payloadWord(index, ascii)} "}\nid: ${index}\n\n`
    parts.push(frame)
    size += frame.length
  }
  return parts.join('')
}

function ndjsonBody(targetBytes: number): string {
  const parts: string[] = []
  let size = 0
  for (let index = 0; size < targetBytes; index++) {
    const line = `${JSON.stringify({ id: index, word: payloadWord(index, false) })}\n`
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

/** A row whose checked warm-up call took longer than this is timed on a part of the body (see `timedInput`). */
const SLOW_CALL_MS = 1_000
const LF = 10

/** MB/s of one timed call. */
async function timedRate(contender: DecodeContender, input: Input): Promise<number> {
  const started = performance.now()
  await contender.decode(input)
  return bytesOf(input) / 1e6 / ((performance.now() - started) / 1000)
}

function bytesOf(input: Input): number {
  let bytes = 0
  for (const chunk of input.chunks) bytes += chunk.length
  return bytes
}

/**
 * What a row's timed calls decode: the whole body, or for a row whose warm-up took `warmUpMs` > SLOW_CALL_MS,
 * its first chunks, about SLOW_CALL_MS worth, through the first chunk after that which ends a line (so that
 * the part is a body of its own: an NDJSON decoder would reject a cut line). The slowest decoders on 16-byte
 * chunks take several seconds a body; their rate is the same over a part of it, and the run stays inside its
 * time budget.
 */
function timedInput(input: Input, warmUpMs: number): Input {
  if (warmUpMs <= SLOW_CALL_MS) return input
  const { chunks } = input
  let count = Math.ceil((chunks.length * SLOW_CALL_MS) / warmUpMs)
  while (count < chunks.length && chunks[count - 1]?.at(-1) !== LF) count++
  return { chunks: chunks.slice(0, count), strings: input.strings.slice(0, count) }
}

const REFERENCE: Record<string, string> = { sse: 'eventsource-parser-strings', ndjson: 'naive' }

/**
 * Group 2: client decode throughput, in this process. The same body is cut into 64 KiB and 16-byte chunks.
 * "push" rows feed the chunks to a parser in a plain loop (how eventsource-parser's own benchmark measures);
 * "stream" rows read them from a ReadableStream with one chunk per pull, as a client reads `response.body`.
 * MB/s is body bytes over wall time, median of `runs` after a warm-up. Every contender must report the same
 * event count and data length as the reference.
 */
export async function runDecodeThroughput(config: BenchConfig): Promise<GroupResult> {
  const targetBytes = config.quick ? 512 * 1024 : 16 * 1024 * 1024
  const runs = config.quick ? 1 : Math.max(config.runs, 5)
  const rows: Record<string, Cell>[] = []
  const notes: string[] = [
    `${(targetBytes / 2 ** 20).toFixed(1)} MiB bodies (SSE: \`event\`/\`data\` JSON/\`id\` per event, ~64 bytes; NDJSON: {"id","word"} rows; "mixed": every 10th word has multi-byte characters, so no 64 KiB chunk is pure ASCII), median of ${runs} run(s) after a warm-up, taken in rounds (every decoder once per round). MB = 10^6 bytes.`,
    `Every row is checked on the whole body first (its warm-up call); a row whose warm-up took over ${SLOW_CALL_MS / 1000} s is then timed on the first chunks of the body, about ${SLOW_CALL_MS / 1000} s worth.`,
    '"push": chunks fed to the parser in a plain loop; "stream": chunks read from a ReadableStream, one per pull, as from response.body. eventsource-parser takes strings: its "strings in" row is fed text decoded before the clock starts (how its own benchmark measures it); every "bytes in" row includes UTF-8 decoding, as a client reading response.body must.',
  ]
  const encoder = new TextEncoder()
  const bodies = [
    {
      format: 'sse',
      body: 'mixed',
      bytes: encoder.encode(sseBody(targetBytes, false)),
      contenders: sseContenders,
    },
    {
      format: 'sse',
      body: 'ASCII',
      bytes: encoder.encode(sseBody(targetBytes, true)),
      contenders: sseContenders,
    },
    {
      format: 'ndjson',
      body: 'mixed',
      bytes: encoder.encode(ndjsonBody(targetBytes)),
      contenders: ndjsonContenders,
    },
  ]
  for (const body of bodies) {
    for (const chunkSize of [64 * 1024, 16]) {
      const chunks = split(body.bytes, chunkSize)
      const decoder = new TextDecoder()
      const input: Input = { chunks, strings: chunks.map((chunk) => decoder.decode(chunk, { stream: true })) }
      const chunkLabel = chunkSize === 16 ? '16 B' : '64 KiB'
      let expected: Tally | undefined
      // First a checked warm-up call of each contender; then the timed runs in rounds (every contender once
      // per round), so a slow spell of a shared machine hits every row alike.
      const timed: {
        contender: DecodeContender
        row: Record<string, Cell>
        rates: number[]
        input: Input
      }[] = []
      for (const contender of body.contenders) {
        const row: Record<string, Cell> = {
          format: body.format,
          body: body.body,
          chunks: chunkLabel,
          mode: contender.mode,
          contender: contender.label,
        }
        rows.push(row)
        try {
          const started = performance.now()
          const tally = await contender.decode(input)
          const warmUpMs = performance.now() - started
          if (contender.id === 'decode-only') {
            row.remark = 'decoding only: the cost every bytes-in row pays first'
          } else {
            expected ??= tally
            if (tally.count !== expected.count || tally.length !== expected.length) {
              row.remark = `MISMATCH: ${tally.count} items / ${tally.length} chars, expected ${expected.count} / ${expected.length}`
              continue
            }
            row.remark = `${tally.count.toLocaleString('en-US')} items ok`
          }
          timed.push({ contender, row, rates: [], input: timedInput(input, warmUpMs) })
        } catch (error) {
          row.remark = `failed: ${error instanceof Error ? error.message : String(error)}`
        }
      }
      for (let run = 0; run < runs; run++) {
        for (const entry of timed) {
          try {
            entry.rates.push(await timedRate(entry.contender, entry.input))
          } catch (error) {
            entry.row.remark = `failed: ${error instanceof Error ? error.message : String(error)}`
          }
        }
      }
      const referenceRate = median(
        timed.find((entry) => entry.contender.id === REFERENCE[body.format])?.rates ?? [Number.NaN],
      )
      for (const { row, rates } of timed) {
        if (rates.length < runs) continue
        row.mbPerSecond = median(rates)
        row.vsReference = Number.isFinite(referenceRate) ? row.mbPerSecond / referenceRate : null
      }
    }
  }
  const find = (body: string, chunks: string, id: string) =>
    rows.find(
      (row) =>
        row.format === 'sse' &&
        row.body === body &&
        row.chunks === chunks &&
        row.contender === sseContenders.find((c) => c.id === id)?.label,
    )
  for (const body of ['mixed', 'ASCII']) {
    for (const chunks of ['64 KiB', '16 B']) {
      const core = find(body, chunks, 'stream-core-push')?.vsReference
      const rival = find(body, chunks, 'eventsource-parser-bytes')?.vsReference
      const parsing = find(body, chunks, 'stream-core-strings')?.vsReference
      const streamCore = find(body, chunks, 'stream-core')?.mbPerSecond
      const streamRival = find(body, chunks, 'eventsource-parser-stream')?.mbPerSecond
      if (typeof core !== 'number' || typeof rival !== 'number') continue
      const strings = typeof parsing === 'number' ? `; on the same strings, ${parsing.toFixed(2)}x` : ''
      const streams =
        typeof streamCore === 'number' && typeof streamRival === 'number'
          ? `; decodeSse at ${(streamCore / streamRival).toFixed(2)}x EventSourceParserStream`
          : ''
      notes.push(
        `SSE ${body}, ${chunks}: stream-core bytes in at ${core.toFixed(2)}x eventsource-parser on strings (target >= 1x: ${core >= 1 ? 'met' : 'NOT met'}) and ${(core / rival).toFixed(2)}x eventsource-parser bytes in${strings}${streams}.`,
      )
    }
  }
  notes.push(
    '"vs ref" = MB/s relative to eventsource-parser on strings (SSE) or to the naive split (NDJSON), same body and chunking. The "floor" rows time TextDecoder alone: a bytes-in parser costs at least that plus its parsing, so it can match a strings-in parser only by parsing faster than it by that much.',
  )
  return {
    id: 'decode',
    title: '2. Client decode throughput (same bytes, same chunking)',
    columns: [
      { key: 'format', label: 'format' },
      { key: 'body', label: 'body' },
      { key: 'chunks', label: 'chunks' },
      { key: 'mode', label: 'fed' },
      { key: 'contender', label: 'decoder' },
      { key: 'mbPerSecond', label: 'MB/s', format: 'fixed1' },
      { key: 'vsReference', label: 'vs ref', format: 'ratio' },
      { key: 'remark', label: '' },
    ],
    rows,
    chart: {
      valueKey: 'mbPerSecond',
      labelKeys: ['format', 'body', 'chunks', 'contender'],
      axis: 'MB/s decoded',
      higherIsBetter: true,
    },
    notes,
  }
}
