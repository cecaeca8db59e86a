import { describe, expect, it } from 'vitest'
import { type Batch, Coalescer, type CoalescerOptions } from './coalesce'
import type { StreamSource } from './source'

const identity = (item: string) => item

function coalescer(source: StreamSource<string>, options: Partial<CoalescerOptions<string>> = {}) {
  return new Coalescer(source, { encode: identity, budgetUnits: 64 * 1024, ...options })
}

/** A source whose items are released one by one from the test; counts `next()` / `return()` calls. */
function controlledSource() {
  const waiting: Array<(value: IteratorResult<string>) => void> = []
  const queued: Array<IteratorResult<string>> = []
  const calls = { next: 0, return: 0 }
  const iterator: AsyncIterableIterator<string> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => {
      calls.next++
      const ready = queued.shift()
      if (ready) return Promise.resolve(ready)
      return new Promise((resolve) => waiting.push(resolve))
    },
    async return() {
      calls.return++
      return { done: true, value: undefined }
    },
  }
  function push(result: IteratorResult<string>) {
    const resolve = waiting.shift()
    if (resolve) resolve(result)
    else queued.push(result)
  }
  return {
    iterator,
    calls,
    emit: (value: string) => push({ done: false, value }),
    end: () => push({ done: true, value: undefined }),
  }
}

/** A turn boundary run by the test. */
function manualTurns() {
  const callbacks: Array<() => void> = []
  return {
    afterTurn: (callback: () => void) => callbacks.push(callback),
    end: () => {
      for (const callback of callbacks.splice(0)) callback()
    },
  }
}

/** Lets every queued microtask and pending promise chain run. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

describe('Coalescer.read', () => {
  it('takes every ready item into one batch, up to a ready end', async () => {
    const items = Array.from({ length: 100 }, (_, i) => `${i},`)
    expect(await coalescer(items).read()).toEqual({ text: items.join(''), end: 'done' })
  })

  it('takes every item an async generator has ready into one batch', async () => {
    async function* numbers() {
      for (let i = 0; i < 1000; i++) yield `${i},`
    }
    const batch = await coalescer(numbers()).read()
    expect(batch).toEqual({ text: Array.from({ length: 1000 }, (_, i) => `${i},`).join(''), end: 'done' })
  })

  it('takes items ready behind many layers of async iterators into one batch', async () => {
    async function* layer(inner: AsyncIterable<string>) {
      for await (const item of inner) yield item
    }
    let source: AsyncIterable<string> = (async function* () {
      for (let i = 0; i < 100; i++) yield 'x'
    })()
    for (let depth = 0; depth < 20; depth++) source = layer(source)
    expect(await coalescer(source).read()).toEqual({ text: 'x'.repeat(100), end: 'done' })
  })

  it('stops a batch once it reaches the budget', async () => {
    const items = coalescer(['aaaa', 'bbbb', 'cccc', 'dddd'], { budgetUnits: 8 })
    expect((await items.read())?.text).toBe('aaaabbbb')
    expect((await items.read())?.text).toBe('ccccdddd')
  })

  it('counts the budget in UTF-16 units, whatever the UTF-8 size', async () => {
    const items = coalescer(['€€', '€€', '😀', 'x'], { budgetUnits: 6 })
    expect((await items.read())?.text).toBe('€€€€😀') // 6 units, 16 bytes
    expect((await items.read())?.text).toBe('x')
  })

  it('never takes a batch over the budget: the item that would starts the next batch', async () => {
    const items = coalescer(['aaa', 'bbb', 'ccc', 'dd'], { budgetUnits: 8 })
    expect((await items.read())?.text).toBe('aaabbb')
    expect(await items.read()).toEqual({ text: 'cccdd', end: 'done' })
  })

  it('sends an item larger than the budget as a batch of its own, whole', async () => {
    const big = 'b'.repeat(100)
    const items = coalescer(['a', big, 'c'], { budgetUnits: 10 })
    expect((await items.read())?.text).toBe('a')
    expect((await items.read())?.text).toBe(big)
    expect(await items.read()).toEqual({ text: 'c', end: 'done' })
  })

  it('keeps the item carried to the next batch when the source then fails', async () => {
    const error = new Error('broken')
    async function* source() {
      yield 'aaaa'
      yield 'bbbb'
      throw error
    }
    const items = coalescer(source(), { budgetUnits: 6 })
    expect((await items.read())?.text).toBe('aaaa')
    expect(await items.read()).toEqual({ text: 'bbbb', end: 'error', error, encoding: false })
  })

  it('drops the carried item on cancel', async () => {
    const items = coalescer(['aaaa', 'bbbb', 'cccc'], { budgetUnits: 6 })
    expect((await items.read())?.text).toBe('aaaa')
    await items.cancel(new Error('client left'))
    expect(await items.read()).toEqual({ text: '', end: 'done' })
  })

  it('takes one item per batch with a budget of 0', async () => {
    const items = coalescer(['a', 'b', 'c'], { budgetUnits: 0 })
    expect((await items.read())?.text).toBe('a')
    expect((await items.read())?.text).toBe('b')
  })

  it('does not wait for a later item when the source has nothing ready', async () => {
    const source = controlledSource()
    const items = coalescer(source.iterator)
    source.emit('first')
    expect(await items.read()).toEqual({ text: 'first', end: 'open' })
    source.emit('second')
    source.end()
    expect(await items.read()).toEqual({ text: 'second', end: 'done' })
  })

  it('sends the batch at the turn boundary, with every item that arrived before it', async () => {
    const source = controlledSource()
    const turns = manualTurns()
    const items = coalescer(source.iterator, { afterTurn: turns.afterTurn })
    source.emit('a')
    let batch: Batch | undefined
    void items.read().then((read) => {
      batch = read
    })
    await flush()
    expect(batch).toBeUndefined()
    source.emit('b')
    await flush()
    expect(batch).toBeUndefined()
    turns.end()
    await flush()
    expect(batch).toEqual({ text: 'ab', end: 'open' })
  })

  it('sends, at a turn end, the batch open then, whichever batch asked for the turn', async () => {
    const source = controlledSource()
    const turns = manualTurns()
    const items = coalescer(source.iterator, { afterTurn: turns.afterTurn, budgetUnits: 4 })
    source.emit('a')
    const first = items.read()
    await flush() // 'a' is in, next() pending: the first batch asks for the turn end
    source.emit('bcd') // fills the first batch to its budget before the turn ends
    expect(await first).toEqual({ text: 'abcd', end: 'open' })
    source.emit('e')
    let second: Batch | undefined
    void items.read().then((read) => {
      second = read
    })
    await flush()
    turns.end() // the turn the first batch asked for ends while the second is open with text
    await flush()
    expect(second).toEqual({ text: 'e', end: 'open' })
  })

  it('keeps no batch alive while a turn end is pending: every batch schedules the same callback', async () => {
    // A source that is always ready can keep the turn from ending for hundreds of batches; a callback per
    // batch would hold each one (and its text) until then.
    const scheduled: Array<() => void> = []
    async function* ready() {
      for (let i = 0; i < 1000; i++) {
        yield 'x'.repeat(100)
        await Promise.resolve() // a next() that is pending for a moment, as behind a layer of async work
      }
    }
    const items = coalescer(ready(), { afterTurn: (callback) => scheduled.push(callback), budgetUnits: 1000 })
    let batches = 0
    for (let batch = await items.read(); batch?.end === 'open'; batch = await items.read()) batches++
    expect(batches).toBe(100)
    expect(scheduled.length).toBe(100)
    expect(new Set(scheduled).size).toBe(1)
  })

  it('keeps the next() pending when a batch is sent, and pulls nothing more until the next read', async () => {
    const source = controlledSource()
    const items = coalescer(source.iterator)
    source.emit('first')
    await items.read()
    await flush()
    expect(source.calls.next).toBe(2)
    source.emit('second')
    await flush()
    expect(source.calls.next).toBe(2)
    expect((await items.read())?.text).toBe('second')
  })

  it('pulls nothing before the first read', async () => {
    const source = controlledSource()
    coalescer(source.iterator)
    await flush()
    expect(source.calls.next).toBe(0)
  })

  it('keeps the text before a source error and reports the error', async () => {
    const error = new Error('boom')
    async function* failing() {
      yield 'a'
      yield 'b'
      throw error
    }
    expect(await coalescer(failing()).read()).toEqual({ text: 'ab', end: 'error', error, encoding: false })
  })

  it('flags an item the encoder rejects as an encoding error', async () => {
    const error = new Error('cannot encode')
    const encode = (item: string) => {
      if (item === 'bad') throw error
      return item
    }
    const batch = await coalescer(['ok', 'bad'], { encode }).read()
    expect(batch).toEqual({ text: 'ok', end: 'error', error, encoding: true })
  })

  it('resolves undefined when the deadline comes first, and keeps the late item for the next read', async () => {
    const source = controlledSource()
    const items = coalescer(source.iterator)
    expect(await items.read(Promise.resolve())).toBeUndefined()
    source.emit('late')
    expect(await items.read()).toEqual({ text: 'late', end: 'open' })
    expect(source.calls.next).toBe(2)
  })

  it('ignores the deadline once an item is in the batch', async () => {
    const source = controlledSource()
    const turns = manualTurns()
    const items = coalescer(source.iterator, { afterTurn: turns.afterTurn })
    let due!: () => void
    const deadline = new Promise<void>((resolve) => {
      due = resolve
    })
    const batch = items.read(deadline)
    source.emit('item')
    await flush()
    due()
    await flush()
    turns.end()
    expect(await batch).toEqual({ text: 'item', end: 'open' })
  })

  it('fails a pending read at once when the signal aborts, and settles the source', async () => {
    const source = controlledSource()
    const abort = new AbortController()
    const items = coalescer(source.iterator, { signal: abort.signal })
    const batch = items.read()
    await flush()
    const reason = new Error('client left')
    abort.abort(reason)
    expect(await batch).toEqual({ text: '', end: 'error', error: reason, encoding: false })
    expect(source.calls.return).toBe(1)
  })

  it('ends a pending read and settles the source on cancel', async () => {
    const source = controlledSource()
    const items = coalescer(source.iterator)
    const batch = items.read()
    await flush()
    await items.cancel('bye')
    expect(await batch).toEqual({ text: '', end: 'done' })
    expect(source.calls.return).toBe(1)
  })
})

describe('Coalescer.peek', () => {
  it('returns the first outcome without consuming it', async () => {
    const items = coalescer(['a', 'b'])
    expect(await items.peek()).toEqual({ ok: true, result: { done: false, value: 'a' } })
    expect(await items.read()).toEqual({ text: 'ab', end: 'done' })
  })

  it('returns undefined while the source waits, and the item once it has one', async () => {
    const source = controlledSource()
    const items = coalescer(source.iterator)
    expect(await items.peek(Promise.resolve())).toBeUndefined()
    source.emit('now')
    expect(await items.peek()).toEqual({ ok: true, result: { done: false, value: 'now' } })
    expect(source.calls.next).toBe(1)
  })

  it('returns the error a source fails with before its first item', async () => {
    const error = new Error('cannot open')
    const items = coalescer(() => {
      throw error
    })
    expect(await items.peek()).toEqual({ ok: false, error })
  })
})
