import { describe, expect, it } from 'vitest'
import { createByteReader } from './byte-reader'
import { byteIterable, byteStream, silentStream, utf8 } from './testing/byte-sources'

const text = (result: IteratorResult<Uint8Array, unknown>) =>
  result.done ? 'done' : new TextDecoder().decode(result.value)

describe('createByteReader', () => {
  it('reads the chunks of a ReadableStream in order, then done', async () => {
    const reader = createByteReader(byteStream(['a', 'b']).stream)
    expect(text(await reader.read())).toBe('a')
    expect(text(await reader.read())).toBe('b')
    expect(text(await reader.read())).toBe('done')
  })

  it('reads the chunks of an async iterable in order, then done', async () => {
    const reader = createByteReader(byteIterable(['a', 'b']).iterable)
    expect(text(await reader.read())).toBe('a')
    expect(text(await reader.read())).toBe('b')
    expect(text(await reader.read())).toBe('done')
  })

  it('does not lock the stream before the first read', () => {
    const { stream } = byteStream(['a'])
    createByteReader(stream)
    expect(stream.locked).toBe(false)
  })

  it('releases the lock without cancelling once the caller reports the end', async () => {
    const { stream, cancelled } = byteStream(['a'])
    const reader = createByteReader(stream)
    await reader.read()
    expect((await reader.read()).done).toBe(true)
    reader.settled()
    await reader.close()
    expect(stream.locked).toBe(false)
    expect(cancelled.count).toBe(0)
  })

  it('cancels the stream and releases the lock on close()', async () => {
    const { stream, cancelled } = byteStream(['a', 'b'])
    const reader = createByteReader(stream)
    await reader.read()
    await reader.close()
    expect(cancelled.count).toBe(1)
    expect(stream.locked).toBe(false)
  })

  it('cancels the stream on close() before any read', async () => {
    const { stream, cancelled } = byteStream(['a'])
    await createByteReader(stream).close()
    expect(cancelled.count).toBe(1)
  })

  it('calls return() on the iterator on close(), once however often it is called', async () => {
    const { iterable, returned } = byteIterable(['a', 'b'])
    const reader = createByteReader(iterable)
    await reader.read()
    await reader.close()
    await reader.close()
    expect(returned.count).toBe(1)
  })

  it('answers done after close()', async () => {
    const reader = createByteReader(byteStream(['a']).stream)
    await reader.close()
    expect((await reader.read()).done).toBe(true)
  })

  it('rejects a pending stream read with the abort reason and cancels the stream with it', async () => {
    const { stream, cancelled } = silentStream()
    const controller = new AbortController()
    const read = createByteReader(stream, controller.signal).read()
    const reason = new Error('stop')
    controller.abort(reason)
    await expect(read).rejects.toBe(reason)
    expect(cancelled.reason).toBe(reason)
    expect(stream.locked).toBe(false)
  })

  it('rejects a pending iterator read at once on abort, even though next() never settles', async () => {
    let returns = 0
    const never: AsyncIterableIterator<Uint8Array> = {
      [Symbol.asyncIterator]: () => never,
      next: () => new Promise(() => {}),
      async return() {
        returns++
        return { done: true, value: undefined }
      },
    }
    const controller = new AbortController()
    const read = createByteReader(never, controller.signal).read()
    controller.abort()
    await expect(read).rejects.toMatchObject({ name: 'AbortError' })
    expect(returns).toBe(1)
  })

  it('rejects at once and cancels when the signal is already aborted', async () => {
    const { stream, cancelled } = byteStream(['a'])
    await expect(createByteReader(stream, AbortSignal.abort()).read()).rejects.toMatchObject({
      name: 'AbortError',
    })
    expect(cancelled.count).toBe(1)
  })

  it('passes a read after no abort through unchanged when a signal is given', async () => {
    const controller = new AbortController()
    const reader = createByteReader(byteStream([utf8('x')]).stream, controller.signal)
    expect(text(await reader.read())).toBe('x')
  })

  it('passes on the error of a failing iterator', async () => {
    const failure = new Error('reset')
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield utf8('a')
      throw failure
    }
    const reader = createByteReader(failing())
    await reader.read()
    await expect(reader.read()).rejects.toBe(failure)
  })
})
