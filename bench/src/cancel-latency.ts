import { Agent, get } from 'node:http'
import { spawnBenchChild } from './shared/child-process'
import { nextUnavailable, startNext } from './shared/next-server'
import type { BenchConfig, Cell, GroupResult } from './shared/report'
import { median, percentile, sleep } from './shared/stats'
import { CANCEL_TICK_MS as TICK_MS } from './shared/workload'

const nowMs = () => Number(process.hrtime.bigint()) / 1e6

/**
 * Opens a GET and drops the connection once the first body bytes arrived, or once `ready()` resolves if given;
 * resolves with the drop time.
 */
function openThenAbort(url: string, agent: Agent, ready?: () => Promise<void>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent }, (res) => {
      if (!ready) res.once('data', abort)
      res.on('error', () => {})
    })
    function abort() {
      if (request.destroyed) return
      const at = nowMs()
      request.destroy()
      resolve(at)
    }
    ready?.().then(abort, reject)
    request.on('error', (error) => {
      if (!request.destroyed) reject(error)
    })
  })
}

function summarize(row: Record<string, Cell>, latencies: number[], trials: number): void {
  row.trials = trials
  row.p50 = latencies.length > 0 ? percentile(latencies, 50) : null
  row.p99 = latencies.length > 0 ? percentile(latencies, 99) : null
  row.missed = trials - latencies.length
}

/** Plain node:http, exact: the source's `finally` timestamps itself with the shared monotonic clock. */
async function measurePlain(
  bodies: { id: string; label: string; trials: number }[],
): Promise<Record<string, Cell>[]> {
  const rows: Record<string, Cell>[] = []
  const child = spawnBenchChild(new URL('./cancel-server.ts', import.meta.url))
  const cleanups = new Map<string, (atMs: number) => void>()
  child.onMessage<{ type: 'cleanup'; trial: string; atMs: number }>('cleanup', (message) => {
    cleanups.get(message.trial)?.(message.atMs)
  })
  try {
    const { url } = await child.nextMessage<{ type: 'ready'; url: string }>('ready')
    const agent = new Agent({ keepAlive: false })
    for (const body of bodies) {
      const row: Record<string, Cell> = { server: 'node:http (same pump as Next)', contender: body.label }
      rows.push(row)
      const latencies: number[] = []
      for (let trial = 0; trial < body.trials + 10; trial++) {
        const id = `${body.id}-${trial}`
        const cleaned = new Promise<number>((resolve) => {
          cleanups.set(id, resolve)
        })
        const abortedAt = await openThenAbort(`${url}/?body=${body.id}&trial=${id}`, agent)
        const cleanedAt = await Promise.race([cleaned, sleep(2_000).then(() => Number.NaN)])
        cleanups.delete(id)
        // the first 10 trials warm up
        if (trial >= 10 && Number.isFinite(cleanedAt)) latencies.push(cleanedAt - abortedAt)
      }
      summarize(row, latencies, body.trials)
    }
  } finally {
    await child.stop()
  }
  return rows
}

interface Counters {
  records: { started: number; finished: number; aborted: number }
}

/**
 * `next start` of apps/web: /api/records (NDJSON rows from a paginated cursor, 120 ms per page, written with
 * streamResponse). The route has no timestamp hook, so the client polls the test-only cleanup counters: it drops
 * the connection once the cursor is counted as opened (mid first page), then polls until its close is counted,
 * an upper bound, one poll round trip coarse.
 */
async function measureNext(trials: number): Promise<{ row: Record<string, Cell>; pollMs: number }> {
  const row: Record<string, Cell> = {
    server: 'next start (apps/web)',
    contender: 'stream-core streamResponse, /api/records',
  }
  const next = await startNext()
  const pollAgent = new Agent({ keepAlive: true, maxSockets: 1 })
  const streamAgent = new Agent({ keepAlive: false })
  const counters = (): Promise<Counters> =>
    new Promise((resolve, reject) => {
      get(`${next.url}/api/test/cleanup`, { agent: pollAgent }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () => resolve(JSON.parse(text) as Counters))
      }).on('error', reject)
    })
  try {
    const roundTrips: number[] = []
    for (let index = 0; index < 30; index++) {
      const started = nowMs()
      await counters()
      roundTrips.push(nowMs() - started)
    }
    const latencies: number[] = []
    for (let trial = 0; trial < trials + 10; trial++) {
      const before = (await counters()).records
      // The first page takes 120 ms: drop the connection as soon as the counters show the cursor opened.
      const opened = async () => {
        const giveUpAt = nowMs() + 2_000
        while ((await counters()).records.started === before.started && nowMs() < giveUpAt) {}
      }
      const abortedAt = await openThenAbort(`${next.url}/api/records?limit=500`, streamAgent, opened)
      let cleanedAt = Number.NaN
      while (nowMs() - abortedAt < 2_000) {
        const now = (await counters()).records
        if (now.aborted + now.finished > before.aborted + before.finished) {
          cleanedAt = nowMs()
          break
        }
      }
      if (trial >= 10 && Number.isFinite(cleanedAt)) latencies.push(cleanedAt - abortedAt)
    }
    summarize(row, latencies, trials)
    return { row, pollMs: median(roundTrips) }
  } finally {
    pollAgent.destroy()
    await next.stop()
  }
}

/**
 * Group 4: cancel latency, client drops the connection -> the source's `finally` has run. p50 / p99 in ms.
 */
export async function runCancelLatency(config: BenchConfig): Promise<GroupResult> {
  const trials = config.quick ? 30 : 1_000
  const otherTrials = config.quick ? 10 : 200
  const notes = [
    `Source: an async generator that yields a line, then awaits a ${TICK_MS} ms "fetch" (where it sits when the client leaves). stream-core hands the source an AbortSignal that rejects that await; ReadableStream.from can only call return(), which waits for the await; the start() loop notices only when its next enqueue throws.`,
    `The client reads the first bytes, then destroys the socket. ${trials} trials for stream-core rows, ${otherTrials} for the others (each waits out the ${TICK_MS} ms tick), after 10 warm-up trials.`,
  ]
  const rows = await measurePlain([
    { id: 'stream-core', label: 'stream-core streamResponse (source gets the signal)', trials },
    { id: 'from', label: 'ReadableStream.from', trials: otherTrials },
    { id: 'start-loop', label: "tutorial's start() loop", trials: otherTrials },
  ])
  const unavailable = nextUnavailable()
  if (unavailable) {
    notes.push(`next start row skipped: ${unavailable}.`)
  } else {
    try {
      const { row, pollMs } = await measureNext(config.quick ? 10 : trials)
      rows.unshift(row)
      notes.push(
        `next start row: /api/records (a cursor with 120 ms page fetches); the client drops the connection once GET /api/test/cleanup (STREAMKIT_E2E=1) counts the cursor opened, then polls until its close is counted: an upper bound that includes up to one poll round trip (~${pollMs.toFixed(2)} ms median here).`,
      )
    } catch (error) {
      notes.push(`next start row failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  for (const row of rows)
    row.label = `${row.server === 'next start (apps/web)' ? 'next start: ' : ''}${row.contender}`
  return {
    id: 'cancel',
    title: '4. Cancel latency: client drops the connection -> source `finally` ran (ms)',
    columns: [
      { key: 'server', label: 'server' },
      { key: 'contender', label: 'body' },
      { key: 'trials', label: 'trials', format: 'int' },
      { key: 'p50', label: 'p50 ms', format: 'fixed2' },
      { key: 'p99', label: 'p99 ms', format: 'fixed2' },
      { key: 'missed', label: 'no cleanup in 2 s', format: 'int' },
    ],
    rows,
    chart: { valueKey: 'p99', labelKeys: ['label'], axis: 'p99 cancel latency, ms', higherIsBetter: false },
    notes,
  }
}
