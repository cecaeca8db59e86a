import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterTurn, createTurnScheduler } from './next-turn'

afterEach(() => {
  vi.useRealTimers()
})

const nextTurn = () => new Promise<void>((resolve) => afterTurn(resolve))

describe('afterTurn', () => {
  it('runs only after every queued microtask, and every one they queue, has run', async () => {
    let hops = 0
    const hop = (): Promise<void> | undefined => (++hops < 10_000 ? Promise.resolve().then(hop) : undefined)
    void hop()
    await nextTurn()
    expect(hops).toBe(10_000)
  })

  it('runs under fake timers that fake setTimeout and setImmediate, without advancing them', async () => {
    vi.useFakeTimers()
    let ran = false
    afterTurn(() => {
      ran = true
    })
    await nextTurn()
    expect(ran).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('runs callbacks scheduled in the same turn once each, in order', async () => {
    const order: number[] = []
    for (let i = 0; i < 3; i++) afterTurn(() => order.push(i))
    await nextTurn()
    expect(order).toEqual([0, 1, 2])
  })
})

describe('createTurnScheduler', () => {
  it('falls back to setTimeout(0) when there is no MessageChannel', () => {
    const timers: Array<{ callback: () => void; ms: number }> = []
    const schedule = createTurnScheduler({ setTimeout: (callback, ms) => timers.push({ callback, ms }) })
    let ran = false
    schedule(() => {
      ran = true
    })
    expect(timers.map((timer) => timer.ms)).toEqual([0])
    timers[0]?.callback()
    expect(ran).toBe(true)
  })

  it('falls back to setTimeout(0) when MessageChannel is a stub that throws (Next.js Edge sandbox)', () => {
    const timers: Array<() => void> = []
    const schedule = createTurnScheduler({
      MessageChannel: class {
        constructor() {
          throw new Error(
            'A Node.js API is used (MessageChannel) which is not supported in the Edge Runtime.',
          )
        }
      },
      setTimeout: (callback) => timers.push(callback),
    })
    let ran = false
    schedule(() => {
      ran = true
    })
    timers[0]?.()
    expect(ran).toBe(true)
  })
})
