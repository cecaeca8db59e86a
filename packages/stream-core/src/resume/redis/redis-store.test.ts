import { Redis } from 'ioredis'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeSse } from '../../formats/sse'
import type { SseEvent } from '../../formats/sse-types'
import { createResumableStreams } from '../resumable-streams'
import { controlledSource } from '../testing/controlled-source'
import { type RedisServer, startRedisServer } from '../testing/redis-server'
import { describeStoreContract, readAll, uniqueId } from '../testing/store-contract'
import { fromIoredis, fromNodeRedis, type IoredisLike, type NodeRedisLike } from './redis-client'
import { createRedisStore, type RedisStoreOptions } from './redis-store'

let server: RedisServer
const clients: { destroy(): void }[] = []

// Typed as the adapter's structural interface: this also checks that a real node-redis client fits it.
async function connect(): Promise<NodeRedisLike> {
  const client = createClient({ url: server.url })
  client.on('error', () => {})
  await client.connect()
  clients.push(client)
  return client
}

// Typed as the adapter's structural interface, as above.
function connectIoredis(): IoredisLike {
  const client = new Redis(server.url)
  client.on('error', () => {})
  clients.push({ destroy: () => client.disconnect() })
  return client
}

let shared: NodeRedisLike
let sharedIoredis: IoredisLike

beforeAll(async () => {
  server = await startRedisServer()
  shared = await connect()
  sharedIoredis = connectIoredis()
}, 30_000)

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server?.stop()
})

// `blockMs` far above the test timeout: a follower that waited for its block to time out instead of being woken
// by the append itself would fail the test.
const store = (options: Partial<RedisStoreOptions> = {}) =>
  createRedisStore({ redis: fromNodeRedis(shared), keyPrefix: 'test:', blockMs: 60_000, ...options })

const elapse = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describeStoreContract('redis store (node-redis, RESP3)', {
  makeStore: (bounds) => store(bounds),
  elapse,
  ttlMs: 400,
})

describeStoreContract('redis store (ioredis, RESP2)', {
  makeStore: (bounds) =>
    createRedisStore({ redis: fromIoredis(sharedIoredis), keyPrefix: 'test:', blockMs: 60_000, ...bounds }),
  elapse,
  ttlMs: 400,
})

describe('redis store leases', () => {
  it('forgets a running stream whose producer stopped renewing its lease, and fails its live readers', async () => {
    const leased = store({ leaseMs: 150, blockMs: 50 })
    const id = uniqueId('lease')
    const writer = await leased.create(id)
    await writer?.append('a')
    const reading = readAll(leased, id)
    await expect(reading).rejects.toMatchObject({ name: 'UnknownStreamError' })
    expect(await leased.status(id)).toBe('unknown')
  })

  it('keeps a running stream alive while its producer waits for a stop', async () => {
    const leased = store({ leaseMs: 600 })
    const id = uniqueId('renew')
    const writer = await leased.create(id)
    const watch = new AbortController()
    const waiting = writer?.waitForStop(watch.signal)
    await elapse(1500)
    expect(await leased.status(id)).toBe('running')
    watch.abort()
    expect(await waiting).toBe(false)
  })
})

async function readEvents(response: Response, limit = Number.POSITIVE_INFINITY): Promise<SseEvent[]> {
  const events: SseEvent[] = []
  if (limit === 0) {
    await response.body?.cancel()
    return events
  }
  for await (const event of decodeSse(response.body as ReadableStream<Uint8Array>, { errorEvent: null })) {
    events.push(event)
    if (events.length >= limit) break
  }
  return events
}

describe('resumable streams on two instances sharing one Redis', () => {
  // Instance A on node-redis, instance B on ioredis: the stored format does not depend on the client.
  async function instances() {
    const options = { keyPrefix: 'test:', blockMs: 60_000 }
    const a = createRedisStore({ redis: fromNodeRedis(await connect()), ...options })
    const b = createRedisStore({ redis: fromIoredis(connectIoredis()), ...options })
    return {
      a: createResumableStreams<string>({ store: a }),
      b: createResumableStreams<string>({ store: b }),
    }
  }

  it('starts one producer when both instances start the same id at once', async () => {
    const { a, b } = await instances()
    const source = controlledSource<string>()
    const id = uniqueId('two-starts')
    const starts = await Promise.all([
      a.start(id, source.run),
      b.start(id, source.run),
      a.start(id, source.run),
    ])
    expect(starts.filter((start) => start.started)).toHaveLength(1)
    expect(source.calls).toBe(1)
    source.end()
    await Promise.all(starts.map((start) => start.done))
  })

  it('resumes on instance B with exactly the events missed on instance A, at every cut point', async () => {
    const { a, b } = await instances()
    const items = ['t1', 't2', 't3', 't4']
    for (let cut = 0; cut <= items.length; cut++) {
      const id = uniqueId(`cut-${cut}`)
      const source = controlledSource<string>()
      const { done } = await a.start(id, source.run)
      const first = a.response(id, { heartbeatMs: false }).then((response) => readEvents(response, cut))
      // Cut while the stream is live: the first connection takes `cut` events, the rest come after it left.
      const live = Math.max(cut, 1)
      for (const item of items.slice(0, live)) source.push(item)
      const seen = await first
      for (const item of items.slice(live)) source.push(item)
      source.end()
      const request = new Request('http://b/chat', { headers: { 'Last-Event-ID': seen.at(-1)?.id ?? '' } })
      const rest = await readEvents(await b.response(id, { request, heartbeatMs: false }))
      await done
      expect([...seen, ...rest].map((event) => [event.id, event.data])).toEqual(
        items.map((item, index) => [String(index + 1), item]),
      )
    }
  })

  it('stops the producer on instance A when instance B stops the stream', async () => {
    const { a, b } = await instances()
    const source = controlledSource<string>()
    const id = uniqueId('stop-remote')
    const { done } = await a.start(id, source.run)
    source.push('a')
    const follower = a.response(id, { heartbeatMs: false }).then((response) => readEvents(response))
    expect(await b.stop(id)).toBe(true)
    await done
    expect(source.signal?.aborted).toBe(true)
    expect(source.closed).toBe(true)
    expect((await follower).every((event) => event.event === 'message')).toBe(true)
    expect(await b.status(id)).toBe('stopped')
  })
})
