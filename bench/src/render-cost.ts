import { spawnBenchChild } from './shared/child-process'
import type { BenchConfig, Cell, GroupResult } from './shared/report'
import { median } from './shared/stats'

const CONTENDERS = [
  { id: 'stream-react', label: 'stream-react useTextStream' },
  { id: 'naive', label: 'naive hook, setState per chunk' },
  { id: 'ai-sdk', label: '@ai-sdk/react useCompletion (default, no throttle)' },
  { id: 'ai-sdk-throttle', label: '@ai-sdk/react useCompletion, experimental_throttle: 16' },
  { id: 'ai-sdk-chat', label: '@ai-sdk/react useChat (UI message stream, default)' },
]

interface RenderResult {
  type: 'result'
  contender: string
  commits: number
  elapsedMs: number
  cpuMs: number
  textOk: boolean
  finished: boolean
  textLength: number
  expectedLength: number
}

/**
 * Group 5: React commits while a text stream delivers 5,000 chunks/s for 5 s, in happy-dom with production
 * React, one fresh process per run. Commits are counted by a dependency-less layout effect; the final rendered
 * text must equal the streamed text exactly.
 */
export async function runRenderCost(config: BenchConfig): Promise<GroupResult> {
  const rate = 5_000
  const seconds = config.quick ? 1 : 5
  const runs = config.quick ? 1 : Math.min(config.runs, 3)
  const results = new Map<string, RenderResult[]>(CONTENDERS.map((contender) => [contender.id, []]))
  const failures = new Map<string, string>()
  // Every contender gets a fresh process (its runs one after the other); a quick run renders all in one.
  const batches = config.quick
    ? [CONTENDERS.map((contender) => contender.id)]
    : CONTENDERS.map((contender) => [contender.id])
  for (const batch of batches) {
    const child = spawnBenchChild(
      new URL('./render-child.tsx', import.meta.url),
      [batch.join(','), String(rate), String(seconds), String(runs)],
      [],
      { NODE_ENV: 'production' },
    )
    try {
      for (const id of batch) {
        for (let run = 0; run < runs; run++) {
          try {
            results.get(id)?.push(await child.nextMessage<RenderResult>('result'))
          } catch (error) {
            failures.set(id, error instanceof Error ? error.message : String(error))
          }
        }
      }
    } finally {
      await child.stop()
    }
  }
  const rows: Record<string, Cell>[] = CONTENDERS.map((contender) => {
    const row: Record<string, Cell> = { contender: contender.label }
    const measured = results.get(contender.id) ?? []
    if (measured.length === 0) {
      row.finalText = `failed: ${failures.get(contender.id) ?? 'no result'}`
      return row
    }
    row.commits = median(measured.map((result) => result.commits))
    row.commitsPerSecond = median(measured.map((result) => result.commits / seconds))
    row.cpuPerSecond = median(measured.map((result) => result.cpuMs / (result.elapsedMs / 1000)))
    const bad = measured.find((result) => !result.textOk)
    row.finalText = bad
      ? `WRONG (${bad.textLength} of ${bad.expectedLength} chars${bad.finished ? '' : ', never finished'})`
      : 'equal'
    return row
  })
  return {
    id: 'render',
    title: `5. Render cost: ${rate.toLocaleString('en-US')} chunks/s for ${seconds} s (happy-dom, production React)`,
    columns: [
      { key: 'contender', label: 'hook' },
      { key: 'commits', label: 'commits', format: 'int' },
      { key: 'commitsPerSecond', label: 'commits/s', format: 'int' },
      { key: 'cpuPerSecond', label: 'CPU ms per s', format: 'int' },
      { key: 'finalText', label: 'final text' },
    ],
    rows,
    chart: {
      valueKey: 'commitsPerSecond',
      labelKeys: ['contender'],
      axis: 'React commits per second',
      higherIsBetter: false,
    },
    notes: [
      `A fake fetch delivers one 7-byte word per chunk (${(rate * seconds).toLocaleString('en-US')} chunks), ${rate}/s on a 1 ms timer; requestAnimationFrame is a 60 Hz timer (happy-dom's own fires every macrotask). Median of ${runs} run(s) in one fresh process per hook${config.quick ? ' (one process for all hooks in --quick)' : ''}.`,
      '"CPU ms per s": process CPU time per second of wall time, fake network included (the same for every row but useChat, whose body is SSE UI message parts).',
    ],
  }
}
