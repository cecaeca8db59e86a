import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { queryRecords } from './records-cursor'
import { readCleanupCounters } from './test-hooks'

beforeEach(() => {
  process.env.STREAMKIT_E2E = '1'
})

afterEach(() => {
  delete process.env.STREAMKIT_E2E
})

const query = { limit: 25, pageSize: 10, pageLatencyMs: 0 }

describe('queryRecords', () => {
  it('yields every row of the query in order', async () => {
    const ids: number[] = []
    for await (const row of queryRecords(query)) ids.push(row.id)
    expect(ids).toEqual(Array.from({ length: 25 }, (_, index) => index + 1))
  })

  it('closes the cursor as finished when every row was read', async () => {
    const before = readCleanupCounters().records
    for await (const _row of queryRecords(query)) {
      // read everything
    }
    const after = readCleanupCounters().records
    expect([after.started - before.started, after.finished - before.finished]).toEqual([1, 1])
  })

  it('closes the cursor when the consumer stops early', async () => {
    const before = readCleanupCounters().records
    for await (const row of queryRecords(query)) if (row.id === 3) break
    expect(readCleanupCounters().records.aborted).toBe(before.aborted + 1)
  })

  it('closes the cursor when the signal aborts a page fetch', async () => {
    const before = readCleanupCounters().records
    const controller = new AbortController()
    const rows = queryRecords({ ...query, pageLatencyMs: 60_000, signal: controller.signal })
    const first = rows.next()
    controller.abort(new Error('client left'))
    await expect(first).rejects.toThrow('client left')
    expect(readCleanupCounters().records.aborted).toBe(before.aborted + 1)
  })
})
