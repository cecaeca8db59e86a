import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStore, MEMORY_STORE_DEFAULTS } from './memory-store'
import { StoreLimitError } from './store-limit-error'
import { describeStoreContract, readAll } from './testing/store-contract'

afterEach(() => {
  vi.useRealTimers()
})

describeStoreContract('memory store', {
  makeStore: (bounds) => createMemoryStore(bounds),
  elapse: async (ms) => {
    if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + ms)
  },
  ttlMs: 1000,
})

describe('memory store bounds', () => {
  it('documents its defaults: 1000 streams, 10 000 events and 4 MiB per stream, 15 minutes TTL', () => {
    expect(MEMORY_STORE_DEFAULTS).toEqual({
      maxStreams: 1000,
      maxEventsPerStream: 10_000,
      maxBytesPerStream: 4 * 1024 * 1024,
      ttlMs: 15 * 60_000,
    })
  })

  it('evicts the oldest ended stream to make room for a new one', async () => {
    const store = createMemoryStore({ maxStreams: 2 })
    const first = await store.create('first')
    await store.create('second')
    await first?.finish()
    expect(await store.create('third')).toBeDefined()
    expect(await store.status('first')).toBe('unknown')
    expect(await store.status('second')).toBe('running')
  })

  it('refuses a new stream with StoreLimitError when every kept stream is running', async () => {
    const store = createMemoryStore({ maxStreams: 2 })
    await store.create('a')
    await store.create('b')
    await expect(store.create('c')).rejects.toSatisfy(
      (error) => StoreLimitError.isInstance(error) && error.limit === 'streams',
    )
  })

  it('never arms a timer: expiry is swept lazily, so the store cannot keep a process alive', async () => {
    vi.useFakeTimers()
    const store = createMemoryStore({ ttlMs: 50 })
    const writer = await store.create('s')
    const reading = readAll(store, 's')
    await writer?.append('a')
    await writer?.finish()
    await reading
    expect(vi.getTimerCount()).toBe(0)
    vi.setSystemTime(Date.now() + 50)
    expect(await store.status('s')).toBe('unknown')
  })
})
