import { type EncodeContender, type EncodeFormat, encodeContenders } from './encode-contenders'
import { type BenchChild, spawnBenchChild } from './shared/child-process'
import { type FrameCounter, type ReadResult, readToEnd } from './shared/http-client'
import type { BenchConfig, Cell, GroupResult } from './shared/report'
import { median } from './shared/stats'
import { waitIdle } from './shared/wait-idle'
import { WORD_BYTES } from './shared/workload'

const FORMATS: EncodeFormat[] = ['text', 'ndjson', 'sse']
/** Reads of each row that is never capped, in a full run (the capped rows get `--runs`). */
const FAST_RUNS = 7

const COUNTERS: Record<EncodeFormat, FrameCounter> = { text: 'bytes', ndjson: 'lines', sse: 'sse-events' }

function itemsIn(format: EncodeFormat, result: ReadResult): number {
  return format === 'text' ? result.bytes / WORD_BYTES : result.frames
}

/**
 * Group 1: server encode throughput. Each contender runs in its own server process; the client (this process)
 * reads every body to its end over a fresh loopback connection and counts items; median of `runs` reads after
 * one warm-up. A read that hits the time cap is reported over the items it got (marked "capped").
 */
export async function runEncodeThroughput(config: BenchConfig): Promise<GroupResult> {
  const count = config.quick ? 10_000 : 1_000_000
  const capMs = 2_000
  const rows: Record<string, Cell>[] = []
  const notes: string[] = [
    `${count.toLocaleString('en-US')} items per read (text: 7-byte words; NDJSON: {"id","word"} records; SSE: one \`data:\` event per word), from an async generator, through node:http on 127.0.0.1 with a Next.js-style body pump; one server process per contender (shared in --quick), median of ${config.runs} read(s)${config.quick ? '' : ` (${FAST_RUNS} for rows never capped) after a warm-up`}, taken in rounds (every row once per round), each read starting once every server process is idle. MB = 10^6 bytes.`,
    `A read is cut after ${capMs / 1000} s; a capped row's rate is measured over the items it got in that time (marked "capped": for the start() loop the rate still falls as its queue grows).`,
  ]
  // Full runs give every contender a server process of its own; a quick run shares one to save start-up time.
  // The runs are taken in rounds (every contender and format once per round), so a slow spell of a shared
  // machine hits every row alike instead of whichever contender was running then.
  const servers: { url: string; child: BenchChild }[] = []
  try {
    const shared = config.quick ? await startServer() : undefined
    if (shared) servers.push(shared)
    const cases: Case[] = []
    for (const contender of encodeContenders) {
      const server = shared ?? (await startServer())
      if (!shared) servers.push(server)
      for (const format of contender.formats) cases.push({ url: server.url, contender, format, results: [] })
      if (contender.note) notes.push(contender.note)
    }
    const pids = servers.map((server) => server.child.pid)
    const measure = async (c: Case, items: number, keep: boolean) => {
      await waitIdle(pids)
      await read(c, items, capMs, keep)
    }
    if (!config.quick) for (const c of cases) await measure(c, 20_000, false)
    for (let run = 0; run < config.runs; run++) for (const c of cases) await measure(c, count, true)
    // Rows that finish well under the cap (stream-core, the ceiling) take under a second a read: more rounds
    // of just those make the ratio between them steadier at little cost.
    const fast = cases.filter((c) => c.results.length > 0 && c.results.every((result) => !result.capped))
    for (let run = config.runs; run < FAST_RUNS && !config.quick; run++) {
      for (const c of fast) await measure(c, count, true)
    }
    for (const c of cases) rows.push(rowOf(c, count, capMs))
  } finally {
    await Promise.all(servers.map((server) => server.child.stop()))
  }
  for (const format of FORMATS) {
    const ceiling = rows.find((row) => row.format === format && row.id === 'ceiling')
    const ceilingRate = typeof ceiling?.itemsPerSecond === 'number' ? ceiling.itemsPerSecond : Number.NaN
    for (const row of rows.filter((candidate) => candidate.format === format)) {
      row.ofCeiling = typeof row.itemsPerSecond === 'number' ? row.itemsPerSecond / ceilingRate : null
    }
  }
  for (const format of FORMATS) {
    const rateOf = (id: string) => rows.find((row) => row.format === format && row.id === id)?.itemsPerSecond
    const core = rateOf('stream-core')
    const hono = rateOf('hono')
    const ceiling = rateOf('ceiling')
    if (typeof core !== 'number') continue
    const parts: string[] = []
    if (typeof ceiling === 'number') {
      const share = core / ceiling
      parts.push(
        `${(share * 100).toFixed(0)} % of the ceiling (target >= 90 %: ${share >= 0.9 ? 'met' : 'NOT met'})`,
      )
    }
    if (typeof hono === 'number') {
      const ratio = core / hono
      const target = format === 'sse' ? ` (target >= 10x streamSSE: ${ratio >= 10 ? 'met' : 'NOT met'})` : ''
      parts.push(`${ratio.toFixed(1)}x Hono${target}`)
    }
    notes.push(`${format}: stream-core at ${parts.join(', ')}.`)
  }
  rows.sort((a, b) => FORMATS.indexOf(a.format as EncodeFormat) - FORMATS.indexOf(b.format as EncodeFormat))
  return {
    id: 'encode',
    title: '1. Server encode throughput (HTTP on 127.0.0.1, read to the end)',
    columns: [
      { key: 'format', label: 'format' },
      { key: 'contender', label: 'contender' },
      { key: 'itemsPerSecond', label: 'items/s', format: 'int' },
      { key: 'mbPerSecond', label: 'MB/s', format: 'fixed1' },
      { key: 'ofCeiling', label: 'of ceiling', format: 'percent' },
      { key: 'remark', label: '' },
    ],
    rows,
    chart: {
      valueKey: 'ofCeiling',
      labelKeys: ['format', 'contender'],
      axis: 'items/s, share of the 64 KiB batched ceiling',
      higherIsBetter: true,
    },
    notes,
  }
}

async function startServer(): Promise<{ url: string; child: BenchChild }> {
  const child = spawnBenchChild(new URL('./encode-server.ts', import.meta.url))
  const { url } = await child.nextMessage<{ type: 'ready'; url: string }>('ready')
  return { url, child }
}

/** One contender in one format, and the reads taken of it so far. */
interface Case {
  url: string
  contender: EncodeContender
  format: EncodeFormat
  results: ReadResult[]
  error?: unknown
}

/** Reads `count` items of a case to the end; `keep` records the result (a warm-up read is not kept). */
async function read(c: Case, count: number, capMs: number, keep: boolean): Promise<void> {
  if (c.error !== undefined) return
  try {
    const result = await readToEnd(
      `${c.url}/?contender=${c.contender.id}&format=${c.format}&count=${count}`,
      COUNTERS[c.format],
      capMs,
    )
    if (keep) c.results.push(result)
  } catch (error) {
    c.error = error
  }
}

function rowOf(c: Case, count: number, capMs: number): Record<string, Cell> {
  const { contender, format, results } = c
  const row: Record<string, Cell> = {
    id: contender.id,
    format,
    contender: contender.labels?.[format] ?? contender.label,
  }
  if (c.error !== undefined) {
    row.remark = `failed: ${c.error instanceof Error ? c.error.message : String(c.error)}`
    return row
  }
  const failed = results.find((result) => result.status !== 200)
  if (failed) {
    row.remark = `HTTP ${failed.status}`
    return row
  }
  row.itemsPerSecond = median(results.map((result) => itemsIn(format, result) / (result.ms / 1000)))
  row.mbPerSecond = median(results.map((result) => result.bytes / 1e6 / (result.ms / 1000)))
  const capped = results.filter((result) => result.capped)
  const complete = results.filter((result) => !result.capped && itemsIn(format, result) < count)
  row.remark = capped.length > 0 ? `capped at ${capMs / 1000} s` : complete.length > 0 ? 'short body' : ''
  return row
}
