import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { delay } from './delay'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('delay', () => {
  it('resolves once the time has passed, not before', async () => {
    let resolved = false
    const waiting = delay(500).then(() => {
      resolved = true
    })
    await vi.advanceTimersByTimeAsync(499)
    expect(resolved).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await waiting
    expect(resolved).toBe(true)
  })

  it('rejects with the abort reason as soon as the signal aborts, and clears its timer', async () => {
    const controller = new AbortController()
    const waiting = delay(10_000, controller.signal)
    const reason = new Error('client left')
    controller.abort(reason)
    await expect(waiting).rejects.toBe(reason)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('rejects at once when the signal is already aborted, without starting a timer', async () => {
    const reason = new Error('gone')
    await expect(delay(10, AbortSignal.abort(reason))).rejects.toBe(reason)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('stops listening to the signal once it resolved', async () => {
    const controller = new AbortController()
    const remove = vi.spyOn(controller.signal, 'removeEventListener')
    const waiting = delay(100, controller.signal)
    await vi.advanceTimersByTimeAsync(100)
    await waiting
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function))
  })
})
