import { describe, expect, it } from 'vitest'
import { isPending, SourceCursor } from './source-cursor'

describe('SourceCursor', () => {
  it('returns the steps of a sync source as results, not promises', () => {
    const cursor = new SourceCursor(['a'])
    const step = cursor.next()
    expect(isPending(step)).toBe(false)
    expect(step).toEqual({ done: false, value: 'a' })
  })

  it('returns the steps of an async source as promises', async () => {
    async function* letters() {
      yield 'a'
    }
    const step = new SourceCursor(letters()).next()
    expect(isPending(step)).toBe(true)
    expect(await step).toEqual({ done: false, value: 'a' })
  })

  it('calls a source function on the first next(), not before', () => {
    let calls = 0
    const cursor = new SourceCursor(() => {
      calls++
      return ['a']
    })
    expect(calls).toBe(0)
    cursor.next()
    expect(calls).toBe(1)
  })

  it('pulls nothing once settled', async () => {
    let pulls = 0
    function* counting() {
      for (;;) yield pulls++
    }
    const cursor = new SourceCursor(counting())
    cursor.next()
    await cursor.cancel('stop')
    expect(cursor.next()).toEqual({ done: true, value: undefined })
    expect(pulls).toBe(1)
  })

  it('settles once: the first of end, fail and cancel wins', async () => {
    let seen: AbortSignal | undefined
    let returns = 0
    const ones: IterableIterator<number> = {
      [Symbol.iterator]: () => ones,
      next: () => ({ done: false, value: 1 }),
      return() {
        returns++
        return { done: true, value: undefined }
      },
    }
    const cursor = new SourceCursor((signal) => {
      seen = signal
      return ones
    })
    cursor.next()
    const error = new Error('boom')
    expect(cursor.fail(error)).toBe(true)
    cursor.end()
    await cursor.cancel('late')
    expect(cursor.fail(new Error('again'))).toBe(false)
    expect(seen?.reason).toBe(error)
    expect(returns).toBe(0)
  })

  it('aborts the source signal before telling onAbort, and then calls return()', async () => {
    const events: string[] = []
    const abort = new AbortController()
    const cursor = new SourceCursor(
      (signal) => {
        signal.addEventListener('abort', () => events.push('source signal'))
        const never: AsyncIterableIterator<number> = {
          [Symbol.asyncIterator]: () => never,
          next: () => new Promise<IteratorResult<number>>(() => {}),
          async return() {
            events.push('return')
            return { done: true, value: undefined }
          },
        }
        return never
      },
      { signal: abort.signal, onAbort: (reason) => events.push(`onAbort ${String(reason)}`) },
    )
    void cursor.next()
    abort.abort('gone')
    await Promise.resolve()
    expect(events).toEqual(['source signal', 'onAbort gone', 'return'])
  })
})
