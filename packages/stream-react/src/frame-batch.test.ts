import type { StreamChange } from '@streamkit/stream-core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFrameBatchedStore, createFrameScheduler } from './frame-batch'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

/** A minimal change source: a counter snapshot, notified with the given change kind. */
function createCounter() {
  let snapshot = { n: 0 }
  const listeners = new Set<(change: StreamChange) => void>()
  return {
    subscribe(listener: (change: StreamChange) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => snapshot,
    bump(change: StreamChange) {
      snapshot = { n: snapshot.n + 1 }
      for (const listener of listeners) listener(change)
    },
    get listenerCount() {
      return listeners.size
    },
  }
}

describe('createFrameScheduler', () => {
  it('runs many schedules in the same frame once, on requestAnimationFrame', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout'] })
    const callback = vi.fn()
    const frame = createFrameScheduler(() => undefined)
    for (let i = 0; i < 100; i++) frame.schedule(callback)
    vi.advanceTimersToNextFrame()
    expect(callback).toHaveBeenCalledTimes(1)
  })

  it('falls back to setTimeout(16) without requestAnimationFrame (a worker, the server)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.stubGlobal('requestAnimationFrame', undefined)
    const callback = vi.fn()
    createFrameScheduler(() => undefined).schedule(callback)
    vi.advanceTimersByTime(15)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledTimes(1)
  })

  it('waits throttleMs instead of a frame when given', () => {
    vi.useFakeTimers({
      toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'],
    })
    const callback = vi.fn()
    createFrameScheduler(() => 100).schedule(callback)
    vi.advanceTimersByTime(99)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledTimes(1)
  })

  it('cancel() drops the pending frame', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    const callback = vi.fn()
    const frame = createFrameScheduler(() => undefined)
    frame.schedule(callback)
    frame.cancel()
    vi.advanceTimersToNextFrame()
    expect(callback).not.toHaveBeenCalled()
  })
})

describe('createFrameBatchedStore', () => {
  it('publishes value changes once per frame, with the latest snapshot', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    const source = createCounter()
    const store = createFrameBatchedStore(
      source,
      createFrameScheduler(() => undefined),
    )
    const onChange = vi.fn()
    store.subscribe(onChange)
    for (let i = 0; i < 50; i++) source.bump('value')
    expect([onChange.mock.calls.length, store.getSnapshot().n]).toEqual([0, 0])
    vi.advanceTimersToNextFrame()
    expect([onChange.mock.calls.length, store.getSnapshot().n]).toEqual([1, 50])
  })

  it('publishes state changes at once, with the pending value changes', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    const source = createCounter()
    const store = createFrameBatchedStore(
      source,
      createFrameScheduler(() => undefined),
    )
    const onChange = vi.fn()
    store.subscribe(onChange)
    source.bump('value')
    source.bump('state')
    expect([onChange.mock.calls.length, store.getSnapshot().n]).toEqual([1, 2])
    vi.advanceTimersToNextFrame()
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('publishes changes made before the first subscriber when it subscribes', () => {
    const source = createCounter()
    const store = createFrameBatchedStore(
      source,
      createFrameScheduler(() => undefined),
    )
    source.bump('value')
    const onChange = vi.fn()
    store.subscribe(onChange)
    expect([onChange.mock.calls.length, store.getSnapshot().n]).toEqual([1, 1])
  })

  it('leaves the source and cancels the frame when the last subscriber leaves', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    const source = createCounter()
    const store = createFrameBatchedStore(
      source,
      createFrameScheduler(() => undefined),
    )
    const onChange = vi.fn()
    const unsubscribe = store.subscribe(onChange)
    source.bump('value')
    unsubscribe()
    vi.advanceTimersToNextFrame()
    expect([source.listenerCount, onChange.mock.calls.length]).toEqual([0, 0])
  })
})
