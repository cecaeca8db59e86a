import { describe, expect, it } from 'vitest'
import { PendingReader, readBatch, utf8Length } from './coalesce'
import { toReadableStream } from './source'

const identity = (item: string) => item

/** A source whose items are released one by one from the test. */
function controlledSource() {
  const waiting: Array<(value: IteratorResult<string>) => void> = []
  const queued: Array<IteratorResult<string>> = []
  const iterator: AsyncIterableIterator<string> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => {
      const ready = queued.shift()
      if (ready) return Promise.resolve(ready)
      return new Promise((resolve) => waiting.push(resolve))
    },
  }
  function push(result: IteratorResult<string>) {
    const resolve = waiting.shift()
    if (resolve) resolve(result)
    else queued.push(result)
  }
  return {
    iterator,
    emit: (value: string) => push({ done: false, value }),
    end: () => push({ done: true, value: undefined }),
  }
}

describe('readBatch', () => {
  it('takes every ready item into one batch, up to a ready end', async () => {
    const items = Array.from({ length: 100 }, (_, i) => `${i},`)
    const reader = new PendingReader(toReadableStream(items))
    const batch = await readBatch(reader, identity, 64 * 1024)
    expect(batch).toEqual({ text: items.join(''), end: 'done' })
  })

  it('stops a batch once it reaches the byte budget', async () => {
    const reader = new PendingReader(toReadableStream(['aaaa', 'bbbb', 'cccc', 'dddd']))
    const batch = await readBatch(reader, identity, 8)
    expect(batch.text).toBe('aaaabbbb')
    expect((await readBatch(reader, identity, 8)).text).toBe('ccccdddd')
  })

  it('takes one item per batch with a budget of 0', async () => {
    const reader = new PendingReader(toReadableStream(['a', 'b', 'c']))
    expect((await readBatch(reader, identity, 0)).text).toBe('a')
    expect((await readBatch(reader, identity, 0)).text).toBe('b')
  })

  it('does not wait for a later item when the source has nothing ready', async () => {
    const source = controlledSource()
    const reader = new PendingReader(toReadableStream(source.iterator))
    source.emit('first')
    const batch = await readBatch(reader, identity, 64 * 1024)
    expect(batch).toEqual({ text: 'first', end: 'open' })
    source.emit('second')
    source.end()
    expect(await readBatch(reader, identity, 64 * 1024)).toEqual({ text: 'second', end: 'done' })
  })

  it('keeps the text before a source error and reports the error', async () => {
    const error = new Error('boom')
    async function* failing() {
      yield 'a'
      yield 'b'
      throw error
    }
    const batch = await readBatch(new PendingReader(toReadableStream(failing())), identity, 64 * 1024)
    expect(batch).toEqual({ text: 'ab', end: 'error', error, encoding: false })
  })

  it('flags an item the encoder rejects as an encoding error', async () => {
    const error = new Error('cannot encode')
    const encode = (item: string) => {
      if (item === 'bad') throw error
      return item
    }
    const batch = await readBatch(new PendingReader(toReadableStream(['ok', 'bad'])), encode, 64 * 1024)
    expect(batch).toEqual({ text: 'ok', end: 'error', error, encoding: true })
  })
})

describe('PendingReader', () => {
  it('keeps an item that arrives after a lost race for the next take', async () => {
    const source = controlledSource()
    const reader = new PendingReader(toReadableStream(source.iterator))
    expect(await reader.peek(Promise.resolve())).toBeUndefined()
    source.emit('late')
    expect(await reader.take()).toEqual({ done: false, value: 'late' })
  })

  it('is not ready while the source waits, and ready once it has an item', async () => {
    const source = controlledSource()
    const reader = new PendingReader(toReadableStream(source.iterator, { highWaterMark: 0 }))
    expect(await reader.isReady()).toBe(false)
    source.emit('now')
    expect(await reader.isReady()).toBe(true)
  })
})

describe('utf8Length', () => {
  it.each(['', 'ascii', 'é', '€uro', '😀 emoji', 'mixed é € 😀 text'])(
    'matches TextEncoder for %j',
    (text) => {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
    },
  )
})
