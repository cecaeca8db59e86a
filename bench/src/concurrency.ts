import { Agent, type ClientRequest, get } from 'node:http'
import { spawnBenchChild } from './shared/child-process'
import { nextUnavailable, processTreeRssKiB, startNext } from './shared/next-server'
import type { BenchConfig, Cell, GroupResult } from './shared/report'
import { sleep } from './shared/stats'

/** One SSE connection as the client sees it. */
interface Connection {
  request: ClientRequest
  status: number
  frames: number
  openedAt: number
  lastFrameAt: number
  maxGapMs: number
  ended: boolean
  error?: string
}

/** What a step asks of every stream. */
interface Target {
  server: string
  route: string
  url: string
  pid: number
  /** 'idle': stays open, heartbeats only, must never go quiet for long; 'finite': must end cleanly with all events. */
  kind: { type: 'idle'; heartbeatMs: number } | { type: 'finite'; minFrames: number; durationMs: number }
}

function open(url: string, agent: Agent): Connection {
  const connection: Connection = {
    status: 0,
    frames: 0,
    openedAt: performance.now(),
    lastFrameAt: Number.NaN,
    maxGapMs: 0,
    ended: false,
  } as Connection
  connection.request = get(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
    connection.status = res.statusCode ?? 0
    connection.lastFrameAt = performance.now()
    let lastWasLf = false
    res.on('data', (chunk: Buffer) => {
      const now = performance.now()
      let frames = lastWasLf && chunk[0] === 10 ? 1 : 0
      for (let at = chunk.indexOf('\n\n'); at !== -1; at = chunk.indexOf('\n\n', at + 2)) frames++
      lastWasLf = chunk[chunk.length - 1] === 10
      if (frames > 0) {
        connection.maxGapMs = Math.max(connection.maxGapMs, now - connection.lastFrameAt)
        connection.lastFrameAt = now
        connection.frames += frames
      }
    })
    res.on('end', () => {
      connection.ended = true
    })
    res.on('error', (error) => {
      connection.error ??= error.message
    })
  })
  connection.request.on('error', (error) => {
    connection.error ??= error.message
  })
  return connection
}

/**
 * Opens `count` streams (in bursts of 50, as a load balancer would hand them over), holds them, checks them.
 * `idleKiB`: the server's RSS before its first step, which its RSS per stream is counted from.
 */
async function step(
  target: Target,
  count: number,
  holdMs: number,
  idleKiB: number,
): Promise<Record<string, Cell>> {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY })
  await sleep(300)
  const connections: Connection[] = []
  const openStarted = performance.now()
  for (let index = 0; index < count; index += 50) {
    for (let burst = index; burst < Math.min(count, index + 50); burst++)
      connections.push(open(target.url, agent))
    await sleep(10)
  }
  const openMs = performance.now() - openStarted
  let loadedKiB = 0
  if (target.kind.type === 'idle') {
    await sleep(holdMs)
    loadedKiB = processTreeRssKiB(target.pid)
  } else {
    await sleep(target.kind.durationMs / 2)
    loadedKiB = processTreeRssKiB(target.pid)
    const deadline = performance.now() + target.kind.durationMs * 3 + 10_000
    while (
      connections.some((connection) => !connection.ended && !connection.error) &&
      performance.now() < deadline
    ) {
      await sleep(50)
    }
  }
  const kind = target.kind
  const checkedAt = performance.now()
  if (kind.type === 'idle') {
    // A stream that went quiet at the end still counts: its gap runs until now.
    for (const connection of connections) {
      const since = Number.isNaN(connection.lastFrameAt) ? connection.openedAt : connection.lastFrameAt
      connection.maxGapMs = Math.max(connection.maxGapMs, checkedAt - since)
    }
  }
  const failed = connections.filter((connection) => {
    if (connection.error || connection.status !== 200) return true
    if (kind.type === 'idle') {
      return connection.ended || connection.frames === 0 || connection.maxGapMs > kind.heartbeatMs * 2.5
    }
    return !connection.ended || connection.frames < kind.minFrames
  })
  const maxGapMs = Math.max(0, ...connections.map((connection) => connection.maxGapMs))
  for (const connection of connections) connection.request.destroy()
  agent.destroy()
  await sleep(500)
  const firstError = failed[0]
  return {
    server: target.server,
    route: target.route,
    streams: count,
    errors: failed.length,
    openSeconds: openMs / 1000,
    maxGapMs,
    minFrames: Math.min(...connections.map((connection) => connection.frames)),
    rssPerStreamKiB: (loadedKiB - idleKiB) / count,
    rssMiB: loadedKiB / 1024,
    remark: firstError
      ? `e.g. ${firstError.error ?? (firstError.status !== 200 ? `HTTP ${firstError.status}` : `frames ${firstError.frames}, gap ${firstError.maxGapMs.toFixed(0)} ms, ended ${firstError.ended}`)}`
      : '',
  }
}

async function ramp(
  target: Target,
  steps: number[],
  holdMs: number,
  rows: Record<string, Cell>[],
): Promise<void> {
  // One baseline for every step: a process seldom gives memory back after a step, so an idle reading taken
  // before each step would count only what that step added beyond the last one's high-water mark.
  await sleep(300)
  const idleKiB = processTreeRssKiB(target.pid)
  for (const count of steps) {
    const row = await step(target, count, holdMs, idleKiB)
    rows.push(row)
    if (row.errors !== 0) break
  }
}

/**
 * Group 6: how many concurrent SSE streams one server process holds with zero errors, and its RSS per stream.
 * Steps up until a step has an error.
 */
export async function runConcurrency(config: BenchConfig): Promise<GroupResult> {
  const steps = config.quick ? [100] : [250, 500, 1000, 2000]
  const heartbeatMs = config.quick ? 500 : 1000
  const holdMs = config.quick ? 1_500 : 5_000
  const rows: Record<string, Cell>[] = []
  const notes = [
    `Streams opened in bursts of 50 from one client process; idle streams held ${holdMs / 1000} s with a ${heartbeatMs} ms heartbeat; an idle stream fails on a connection error, a non-200, an early end, or a gap between frames over 2.5 heartbeats. Steps stop at the first step with an error. RSS: the server's process tree (/proc); per stream = (RSS with the streams open - RSS of the idle server before its first step) / streams, so one-time costs are spread over the streams and the largest step is the fairest.`,
  ]
  const plain = spawnBenchChild(new URL('./concurrency-server.ts', import.meta.url))
  try {
    const { url, pid } = await plain.nextMessage<{ type: 'ready'; url: string; pid: number }>('ready')
    await ramp(
      {
        server: 'node:http + stream-core',
        route: 'idle SSE, heartbeats only',
        url: `${url}/?heartbeatMs=${heartbeatMs}`,
        pid,
        kind: { type: 'idle', heartbeatMs },
      },
      steps,
      holdMs,
      rows,
    )
  } finally {
    await plain.stop()
  }
  const unavailable = nextUnavailable()
  if (unavailable) {
    notes.push(`next start rows skipped: ${unavailable}.`)
    return result(rows, notes)
  }
  const next = await startNext()
  try {
    const probe = await fetch(`${next.url}/api/test/heartbeat?heartbeatMs=${heartbeatMs}`, {
      signal: AbortSignal.timeout(5_000),
    })
    const hasHeartbeatRoute =
      probe.ok && (probe.headers.get('content-type') ?? '').startsWith('text/event-stream')
    await probe.body?.cancel()
    if (hasHeartbeatRoute) {
      await ramp(
        {
          server: 'next start + stream-core (apps/web)',
          route: '/api/test/heartbeat',
          url: `${next.url}/api/test/heartbeat?heartbeatMs=${heartbeatMs}`,
          pid: next.pid,
          kind: { type: 'idle', heartbeatMs },
        },
        steps,
        holdMs,
        rows,
      )
    } else {
      notes.push(
        'apps/web has no idle heartbeat route (a test-only GET /api/test/heartbeat?heartbeatMs=N was requested): the next start rows use /api/job instead, live SSE streams of 21 progress events 100 ms apart plus `done` (about 2 s each, so later streams of a step overlap earlier ones only partly); a stream fails unless it ends cleanly with all events.',
      )
      await ramp(
        {
          server: 'next start + stream-core (apps/web)',
          route: '/api/job (progress SSE)',
          url: `${next.url}/api/job`,
          pid: next.pid,
          kind: { type: 'finite', minFrames: 22, durationMs: 2_000 },
        },
        steps,
        holdMs,
        rows,
      )
    }
  } finally {
    await next.stop()
  }
  return result(rows, notes)
}

function result(rows: Record<string, Cell>[], notes: string[]): GroupResult {
  for (const row of rows) row.label = `${row.server} · ${row.streams} streams`
  return {
    id: 'concurrency',
    title: '6. Concurrent SSE streams per server process',
    columns: [
      { key: 'server', label: 'server' },
      { key: 'route', label: 'route' },
      { key: 'streams', label: 'streams', format: 'int' },
      { key: 'errors', label: 'errors', format: 'int' },
      { key: 'openSeconds', label: 'open s', format: 'fixed1' },
      { key: 'minFrames', label: 'min frames', format: 'int' },
      { key: 'maxGapMs', label: 'max gap ms', format: 'int' },
      { key: 'rssMiB', label: 'RSS MiB', format: 'fixed1' },
      { key: 'rssPerStreamKiB', label: 'RSS/stream KiB', format: 'fixed1' },
      { key: 'remark', label: '' },
    ],
    rows,
    chart: {
      valueKey: 'rssPerStreamKiB',
      labelKeys: ['label'],
      axis: 'RSS per open stream, KiB',
      higherIsBetter: false,
    },
    notes,
  }
}
