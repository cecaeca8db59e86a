import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { startNextServer } from '@repo/e2e/next-server'
import { startRedisServer } from '@repo/e2e/redis-server'
import { decodeSse, type SseEvent } from '@streamkit/stream-core'
import type { CleanupCounters } from './support/cleanup-counters'

// Two more `next start` instances of this app (A and B) sharing one throwaway redis-server through REDIS_URL,
// as behind a load balancer: an answer started on A, cut mid-stream, is picked up on B with Last-Event-ID.

type Server = { url: string; stop: () => Promise<void>; output?: () => string }

const APP_DIR = fileURLToPath(new URL('..', import.meta.url))
const QUESTION = 'hello'
/** Cut points resumed at once; every index is covered, a batch at a time, to keep the machine responsive. */
const BATCH = 8

let redis: Server | undefined
let a: Server | undefined
let b: Server | undefined

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(240_000)
  redis = await startRedisServer()
  // OPENAI_* blanked so the local model answers, whatever a developer's .env.local says.
  const env = {
    REDIS_URL: redis.url,
    STREAMKIT_E2E: '1',
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    OPENAI_MODEL: '',
  }
  const [first, second] = await Promise.allSettled([
    startNextServer({ cwd: APP_DIR, env, readyPath: '/api/test/cleanup' }),
    startNextServer({ cwd: APP_DIR, env, readyPath: '/api/test/cleanup' }),
  ])
  if (first.status === 'fulfilled') a = first.value
  if (second.status === 'fulfilled') b = second.value
  if (first.status === 'rejected') throw first.reason
  if (second.status === 'rejected') throw second.reason
})

test.afterAll(async () => {
  test.setTimeout(60_000)
  await Promise.allSettled([a?.stop(), b?.stop()])
  await redis?.stop()
})

function server(which: Server | undefined): Server {
  if (!which) throw new Error('the server pair did not start')
  return which
}

async function counters(at: Server): Promise<CleanupCounters> {
  const response = await fetch(`${at.url}/api/test/cleanup`)
  expect(response.status).toBe(200)
  return (await response.json()) as CleanupCounters
}

function postChat(
  at: Server,
  id: string,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
) {
  return fetch(`${at.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify({ id, messages: [{ role: 'user', content: QUESTION }] }),
    signal: init.signal ?? AbortSignal.timeout(30_000),
  })
}

async function readAll(response: Response): Promise<SseEvent[]> {
  expect(response.status).toBe(200)
  const events: SseEvent[] = []
  if (response.body) for await (const event of decodeSse(response.body)) events.push(event)
  return events
}

/**
 * Starts an answer on A, reads `cut` events, cuts the connection, and reconnects to B the way `cut` picks
 * (GET with Last-Event-ID, GET with ?cursor=, or the same POST again with Last-Event-ID). Returns what the
 * client received from A, then from B.
 */
async function cutAndResume(cut: number): Promise<{ fromA: SseEvent[]; fromB: SseEvent[] }> {
  const id = crypto.randomUUID()
  const connection = new AbortController()
  const first = await postChat(server(a), id, { signal: connection.signal })
  expect(first.status).toBe(200)
  const fromA: SseEvent[] = []
  if (cut > 0 && first.body) {
    for await (const event of decodeSse(first.body)) {
      fromA.push(event)
      if (fromA.length === cut) break
    }
  }
  connection.abort()

  const lastEventId = fromA.at(-1)?.id
  const resumeHeaders: Record<string, string> = lastEventId ? { 'Last-Event-ID': lastEventId } : {}
  const timeout = AbortSignal.timeout(30_000)
  let resumed: Response
  if (cut % 3 === 0) {
    resumed = await fetch(`${server(b).url}/api/chat/${id}`, { headers: resumeHeaders, signal: timeout })
  } else if (cut % 3 === 1) {
    resumed = await fetch(`${server(b).url}/api/chat/${id}?cursor=${lastEventId ?? ''}`, { signal: timeout })
  } else {
    resumed = await postChat(server(b), id, { headers: resumeHeaders, signal: timeout })
  }
  return { fromA, fromB: await readAll(resumed) }
}

test('a reconnect to another instance gets exactly the missed events, at every cut point, from one model call each', async () => {
  test.setTimeout(240_000)
  const beforeA = await counters(server(a))
  const beforeB = await counters(server(b))

  // The reference: one answer read whole from A, and the same answer replayed whole from B (out of Redis).
  const referenceId = crypto.randomUUID()
  const reference = await readAll(await postChat(server(a), referenceId))
  expect(reference.at(-1)?.event).toBe('finish')
  expect(reference.map((event) => event.id)).toEqual(reference.map((_, index) => String(index + 1)))
  expect(await readAll(await fetch(`${server(b).url}/api/chat/${referenceId}`))).toEqual(reference)

  const cuts = reference.slice(0, -1).map((_, index) => index)
  expect(cuts.length).toBeGreaterThanOrEqual(10)
  for (let start = 0; start < cuts.length; start += BATCH) {
    const batch = cuts.slice(start, start + BATCH)
    const results = await Promise.all(batch.map((cut) => cutAndResume(cut)))
    results.forEach(({ fromA, fromB }, index) => {
      const cut = batch[index]
      expect(fromA, `cut after ${cut} events`).toHaveLength(cut ?? -1)
      // Zero lost, zero duplicated, same order: A's part and B's part are the whole answer.
      expect([...fromA, ...fromB], `cut after ${cut} events`).toEqual(reference)
    })
  }

  // The model ran once per answer, all on A, and no disconnect stopped it.
  const afterA = await counters(server(a))
  const afterB = await counters(server(b))
  const answers = 1 + cuts.length
  expect(afterA.modelCalls - beforeA.modelCalls).toBe(answers)
  expect(afterB.modelCalls - beforeB.modelCalls).toBe(0)
  await expect
    .poll(async () => (await counters(server(a))).chat.finished - beforeA.chat.finished, { timeout: 15_000 })
    .toBe(answers)
  expect(afterA.chat.aborted - beforeA.chat.aborted).toBe(0)
})

test('a stop sent to one instance ends the generation running on the other, for every reader', async () => {
  test.setTimeout(60_000)
  const beforeA = await counters(server(a))
  const id = crypto.randomUUID()
  const readerOnA = await postChat(server(a), id)
  expect(readerOnA.status).toBe(200)
  if (!readerOnA.body) throw new Error('no body')
  const eventsOnA = decodeSse(readerOnA.body)[Symbol.asyncIterator]()
  const firstOnA = await eventsOnA.next()
  expect(firstOnA.done).toBe(false)
  const readerOnB = await fetch(`${server(b).url}/api/chat/${id}`, { signal: AbortSignal.timeout(30_000) })

  const stop = await fetch(`${server(b).url}/api/chat/${id}/stop`, { method: 'POST' })
  expect(await stop.json()).toEqual({ stopped: true, status: 'stopped' })

  const restOnA: SseEvent[] = []
  for (let next = await eventsOnA.next(); !next.done; next = await eventsOnA.next()) restOnA.push(next.value)
  for (const events of [restOnA, await readAll(readerOnB)]) {
    expect(events.some((event) => event.event === 'finish' || event.event === 'error')).toBe(false)
  }
  await expect
    .poll(async () => (await counters(server(a))).chat.aborted - beforeA.chat.aborted, { timeout: 10_000 })
    .toBe(1)
  expect((await counters(server(a))).chat.finished).toBe(beforeA.chat.finished)
})
