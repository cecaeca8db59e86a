import { afterEach, describe, expect, it } from 'vitest'
import { countModelCall, readCleanupCounters, testHooksEnabled, trackSource } from './test-hooks'

afterEach(() => {
  delete process.env.STREAMKIT_E2E
})

describe('test hooks', () => {
  it('are off unless STREAMKIT_E2E is 1', () => {
    expect(testHooksEnabled()).toBe(false)
    process.env.STREAMKIT_E2E = 'true'
    expect(testHooksEnabled()).toBe(false)
    process.env.STREAMKIT_E2E = '1'
    expect(testHooksEnabled()).toBe(true)
  })

  it('count nothing while off', () => {
    const before = readCleanupCounters()
    trackSource('chat')('aborted')
    expect(readCleanupCounters()).toEqual(before)
  })

  it('count a source once however many times it is settled', () => {
    process.env.STREAMKIT_E2E = '1'
    const before = readCleanupCounters().chat
    const settle = trackSource('chat')
    settle('aborted')
    settle('finished')
    const after = readCleanupCounters().chat
    expect(after).toEqual({
      started: before.started + 1,
      aborted: before.aborted + 1,
      finished: before.finished,
    })
  })

  it('count model calls only while on', () => {
    const before = readCleanupCounters().modelCalls
    countModelCall()
    expect(readCleanupCounters().modelCalls).toBe(before)
    process.env.STREAMKIT_E2E = '1'
    countModelCall()
    expect(readCleanupCounters().modelCalls).toBe(before + 1)
  })
})
