import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Heartbeat } from './heartbeat'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Heartbeat', () => {
  it('is due after the interval, not before', async () => {
    let due = false
    void new Heartbeat(1000).due().then(() => {
      due = true
    })
    await vi.advanceTimersByTimeAsync(999)
    expect(due).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(due).toBe(true)
  })

  it('restarts the interval when re-armed', async () => {
    const heartbeat = new Heartbeat(1000)
    void heartbeat.due()
    await vi.advanceTimersByTimeAsync(600)
    let due = false
    void heartbeat.due().then(() => {
      due = true
    })
    await vi.advanceTimersByTimeAsync(600)
    expect(due).toBe(false)
    expect(vi.getTimerCount()).toBe(1)
  })

  it('leaves no timer once stopped', () => {
    const heartbeat = new Heartbeat(1000)
    void heartbeat.due()
    heartbeat.stop()
    expect(vi.getTimerCount()).toBe(0)
  })
})
