import { describe, expect, it } from 'vitest'
import type { ResumableStore, StoredRecord, StreamWriter } from '../resumable-store'
import { StoreLimitError } from '../store-limit-error'
import { UnknownStreamError } from '../unknown-stream-error'

/** The bounds the contract sets on the stores it makes. */
export interface StoreContractBounds {
  ttlMs: number
  maxEventsPerStream?: number
  maxBytesPerStream?: number
}

/** How the contract gets a store to test, and how it lets time pass for TTLs. */
export interface StoreContractHarness {
  /** A store with these bounds: ended streams expire after `ttlMs`. */
  makeStore(options: StoreContractBounds): ResumableStore
  /** Lets `ms` pass as the store sees time: fake timers for memory, a real wait for Redis. */
  elapse(ms: number): Promise<void>
  /** The TTL the TTL tests use. */
  ttlMs: number
}

let counter = 0
/** A stream id no other test (or earlier run against the same Redis) uses. */
export function uniqueId(label: string): string {
  counter += 1
  return `${label}-${counter}-${Math.random().toString(36).slice(2, 10)}`
}

/** Collects a whole read (replay and follow) until its end record. */
export async function readAll(
  store: ResumableStore,
  streamId: string,
  after = 0,
  signal?: AbortSignal,
): Promise<StoredRecord[]> {
  const records: StoredRecord[] = []
  for await (const record of store.read(streamId, { after, signal })) records.push(record)
  return records
}

async function created(store: ResumableStore, streamId: string): Promise<StreamWriter> {
  const writer = await store.create(streamId)
  if (!writer) throw new Error(`expected to create ${streamId}`)
  return writer
}

/** The next record of a read that is already running, or `'done'` when it ended. */
async function nextRecord(iterator: AsyncIterator<StoredRecord>): Promise<StoredRecord | 'done'> {
  const result = await iterator.next()
  return result.done ? 'done' : result.value
}

const events = (records: StoredRecord[]) =>
  records.flatMap((record) => (record.type === 'event' ? [[record.id, record.data] as const] : []))

/**
 * The behaviour every {@link ResumableStore} must have, run against each implementation so they cannot drift:
 * `describeStoreContract('memory store', harness)`.
 */
export function describeStoreContract(name: string, harness: StoreContractHarness): void {
  const make = () => harness.makeStore({ ttlMs: harness.ttlMs })

  describe(`${name}: the ResumableStore contract`, () => {
    it('gives the writer to the first create of an id and undefined to the next', async () => {
      const store = make()
      const id = uniqueId('create')
      expect(await store.create(id)).toBeDefined()
      expect(await store.create(id)).toBeUndefined()
    })

    it('lets exactly one of many concurrent creates of one id win', async () => {
      const store = make()
      const id = uniqueId('race')
      const writers = await Promise.all(Array.from({ length: 12 }, () => store.create(id)))
      expect(writers.filter((writer) => writer !== undefined)).toHaveLength(1)
    })

    it('numbers appended events 1, 2, 3 within each stream', async () => {
      const store = make()
      const a = await created(store, uniqueId('ids-a'))
      const b = await created(store, uniqueId('ids-b'))
      expect([await a.append('x'), await a.append('y'), await b.append('z'), await a.append('w')]).toEqual([
        1, 2, 1, 3,
      ])
    })

    it('replays every event in append order, then the end record', async () => {
      const store = make()
      const id = uniqueId('replay')
      const writer = await created(store, id)
      for (const data of ['a', 'b', '{"c":1}', 'é😀']) await writer.append(data)
      await writer.finish()
      expect(await readAll(store, id)).toEqual([
        { type: 'event', id: 1, data: 'a' },
        { type: 'event', id: 2, data: 'b' },
        { type: 'event', id: 3, data: '{"c":1}' },
        { type: 'event', id: 4, data: 'é😀' },
        { type: 'end', status: 'finished' },
      ])
    })

    it('replays only the events after the cursor', async () => {
      const store = make()
      const id = uniqueId('cursor')
      const writer = await created(store, id)
      for (const data of ['a', 'b', 'c', 'd']) await writer.append(data)
      await writer.finish()
      expect(events(await readAll(store, id, 2))).toEqual([
        [3, 'c'],
        [4, 'd'],
      ])
      expect(await readAll(store, id, 4)).toEqual([{ type: 'end', status: 'finished' }])
    })

    it('follows live: a waiting reader gets each event appended after it caught up', async () => {
      const store = make()
      const id = uniqueId('live')
      const writer = await created(store, id)
      await writer.append('before')
      const reader = store.read(id, { after: 0 })[Symbol.asyncIterator]()
      expect(await nextRecord(reader)).toEqual({ type: 'event', id: 1, data: 'before' })
      const pending = nextRecord(reader)
      await writer.append('after')
      expect(await pending).toEqual({ type: 'event', id: 2, data: 'after' })
      const end = nextRecord(reader)
      await writer.finish()
      expect(await end).toEqual({ type: 'end', status: 'finished' })
      expect(await nextRecord(reader)).toBe('done')
    })

    it('delivers every event exactly once across a cut at every point of a live stream', async () => {
      const store = make()
      const all = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6']
      for (let cut = 0; cut <= all.length; cut++) {
        const id = uniqueId(`cut-${cut}`)
        const writer = await created(store, id)
        const first = store.read(id, { after: 0 })[Symbol.asyncIterator]()
        const seen: string[] = []
        let lastId = 0
        for (const [index, data] of all.entries()) {
          await writer.append(data)
          if (index < cut) {
            const record = await nextRecord(first)
            if (record === 'done' || record.type !== 'event') throw new Error('expected an event')
            seen.push(record.data)
            lastId = record.id
          }
          if (index + 1 === cut) await first.return?.()
        }
        if (cut === 0) await first.return?.()
        await writer.finish()
        const rest = await readAll(store, id, lastId)
        expect([...seen, ...events(rest).map(([, data]) => data)]).toEqual(all)
        expect(rest.at(-1)).toEqual({ type: 'end', status: 'finished' })
      }
    })

    it('says running, then finished; unknown for an id never created', async () => {
      const store = make()
      const id = uniqueId('status')
      expect(await store.status(id)).toBe('unknown')
      const writer = await created(store, id)
      expect(await store.status(id)).toBe('running')
      expect(await writer.finish()).toBe(true)
      expect(await store.status(id)).toBe('finished')
    })

    it('makes read throw UnknownStreamError for an unknown id', async () => {
      const store = make()
      const id = uniqueId('unknown')
      await expect(readAll(store, id)).rejects.toSatisfy(
        (error) => UnknownStreamError.isInstance(error) && error.streamId === id,
      )
    })

    it('gives every reader the error frame a failed stream finished with', async () => {
      const store = make()
      const id = uniqueId('failed')
      const writer = await created(store, id)
      await writer.append('a')
      await writer.finish({ message: 'Generation failed', code: 'model' })
      const end = { type: 'end', status: 'finished', error: { message: 'Generation failed', code: 'model' } }
      expect(await readAll(store, id)).toEqual([{ type: 'event', id: 1, data: 'a' }, end])
      expect(await readAll(store, id, 1)).toEqual([end])
    })

    it('ends a stop for everyone: stopped status, end record to followers, no append after it', async () => {
      const store = make()
      const id = uniqueId('stop')
      const writer = await created(store, id)
      await writer.append('a')
      const follower = readAll(store, id)
      expect(await store.stop(id)).toBe(true)
      expect(await follower).toEqual([
        { type: 'event', id: 1, data: 'a' },
        { type: 'end', status: 'stopped' },
      ])
      expect(await store.status(id)).toBe('stopped')
      expect(await writer.append('late')).toBeUndefined()
      expect(await writer.finish()).toBe(false)
      expect(await readAll(store, id)).toHaveLength(2)
    })

    it('refuses to stop a stream that is not running', async () => {
      const store = make()
      const id = uniqueId('stop-ended')
      expect(await store.stop(id)).toBe(false)
      const writer = await created(store, id)
      await writer.finish()
      expect(await store.stop(id)).toBe(false)
      expect(await store.status(id)).toBe('finished')
    })

    it('tells the producer of a stop through waitForStop', async () => {
      const store = make()
      const id = uniqueId('wait-stop')
      const writer = await created(store, id)
      const watch = new AbortController()
      const stopped = writer.waitForStop(watch.signal)
      await store.stop(id)
      expect(await stopped).toBe(true)
      watch.abort()
    })

    it('resolves waitForStop with false when its signal aborts', async () => {
      const store = make()
      const writer = await created(store, uniqueId('wait-abort'))
      const watch = new AbortController()
      const stopped = writer.waitForStop(watch.signal)
      watch.abort()
      expect(await stopped).toBe(false)
    })

    it('ends a read quietly when its signal aborts while it waits', async () => {
      const store = make()
      const id = uniqueId('read-abort')
      const writer = await created(store, id)
      await writer.append('a')
      const controller = new AbortController()
      const reading = readAll(store, id, 0, controller.signal)
      await writer.append('b')
      controller.abort()
      const records = await reading
      expect(records.every((record) => record.type === 'event')).toBe(true)
      await writer.finish()
    })

    it('forgets an ended stream once its TTL has passed, not before', async () => {
      const store = make()
      const id = uniqueId('ttl')
      const writer = await created(store, id)
      await writer.append('a')
      await writer.finish()
      expect(await store.status(id)).toBe('finished')
      await harness.elapse(harness.ttlMs * 2)
      expect(await store.status(id)).toBe('unknown')
      await expect(readAll(store, id)).rejects.toSatisfy(UnknownStreamError.isInstance)
    })

    it('keeps a running stream past the TTL of ended streams', async () => {
      const store = make()
      const id = uniqueId('ttl-running')
      const writer = await created(store, id)
      await harness.elapse(harness.ttlMs * 2)
      expect(await store.status(id)).toBe('running')
      expect(await writer.append('a')).toBe(1)
      await writer.finish()
    })

    it('fails an append past maxEventsPerStream with StoreLimitError rather than dropping events', async () => {
      const store = harness.makeStore({ ttlMs: harness.ttlMs, maxEventsPerStream: 2 })
      const id = uniqueId('max-events')
      const writer = await created(store, id)
      await writer.append('a')
      await writer.append('b')
      await expect(writer.append('c')).rejects.toSatisfy(
        (error) => StoreLimitError.isInstance(error) && error.limit === 'events',
      )
      await writer.finish()
      expect(events(await readAll(store, id))).toEqual([
        [1, 'a'],
        [2, 'b'],
      ])
    })

    it('counts maxBytesPerStream in UTF-8 bytes of event data', async () => {
      const store = harness.makeStore({ ttlMs: harness.ttlMs, maxBytesPerStream: 10 })
      const writer = await created(store, uniqueId('max-bytes'))
      expect(await writer.append('é😀')).toBe(1) // 2 + 4 bytes
      expect(await writer.append('abcd')).toBe(2) // 10 bytes in all
      await expect(writer.append('x')).rejects.toSatisfy(
        (error) => StoreLimitError.isInstance(error) && error.limit === 'bytes',
      )
      await writer.finish()
    })

    it('lets an expired id be created again, without the old writer writing into it', async () => {
      const store = make()
      const id = uniqueId('recreate')
      const old = await created(store, id)
      await old.append('old')
      await old.finish()
      await harness.elapse(harness.ttlMs * 2)
      const fresh = await created(store, id)
      expect(await old.append('stale')).toBeUndefined()
      expect(await old.finish()).toBe(false)
      expect(await fresh.append('new')).toBe(1)
      await fresh.finish()
      expect(events(await readAll(store, id))).toEqual([[1, 'new']])
    })
  })
}
