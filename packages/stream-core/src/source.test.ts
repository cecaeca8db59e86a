import { describe, expect, it } from 'vitest'
import { toReadableStream } from './source'

/** Lets every queued microtask and pending pull run. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** An iterator that counts its `next()` / `return()` calls and yields 0, 1, 2, ... up to `length`. */
function countingSource(length = Number.POSITIVE_INFINITY) {
  const calls = { next: 0, return: 0 }
  const iterator: AsyncIterableIterator<number> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      const value = calls.next++
      return value < length ? { done: false, value } : { done: true, value: undefined }
    },
    async return() {
      calls.return++
      return { done: true, value: undefined }
    },
  }
  return { iterator, calls }
}

/** A promise resolved from outside. */
function deferred<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of stream) out.push(item)
  return out
}

describe('toReadableStream', () => {
  it('streams every item of an async iterable in order', async () => {
    async function* letters() {
      yield 'a'
      yield 'b'
      yield 'c'
    }
    expect(await readAll(toReadableStream(letters()))).toEqual(['a', 'b', 'c'])
  })

  it('streams every item of a sync iterable in order', async () => {
    expect(await readAll(toReadableStream(new Set([1, 2, 3])))).toEqual([1, 2, 3])
  })

  it('streams the chunks of a ReadableStream source', async () => {
    const inner = new ReadableStream<string>({
      start(controller) {
        controller.enqueue('x')
        controller.enqueue('y')
        controller.close()
      },
    })
    expect(await readAll(toReadableStream(inner))).toEqual(['x', 'y'])
  })

  it('calls a source function lazily, on the first pull', async () => {
    let calls = 0
    const stream = toReadableStream(
      () => {
        calls++
        return ['a']
      },
      { highWaterMark: 0 },
    )
    await flush()
    expect(calls).toBe(0)
    await stream.getReader().read()
    expect(calls).toBe(1)
  })

  it('pulls no more than highWaterMark (default 1) items ahead of a slow consumer', async () => {
    const { iterator, calls } = countingSource()
    const reader = toReadableStream(iterator).getReader()
    await flush()
    expect(calls.next).toBe(1)
    for (let read = 1; read <= 5; read++) {
      await reader.read()
      await flush()
      expect(calls.next).toBe(read + 1)
    }
    await reader.cancel()
  })

  it('pulls up to a custom highWaterMark ahead and no further', async () => {
    const { iterator, calls } = countingSource()
    const reader = toReadableStream(iterator, { highWaterMark: 4 }).getReader()
    await flush()
    expect(calls.next).toBe(4)
    await reader.read()
    await reader.read()
    await flush()
    expect(calls.next).toBe(6)
    await reader.cancel()
  })

  it('pulls only on read with highWaterMark 0', async () => {
    const { iterator, calls } = countingSource()
    const reader = toReadableStream(iterator, { highWaterMark: 0 }).getReader()
    await flush()
    expect(calls.next).toBe(0)
    await reader.read()
    await flush()
    expect(calls.next).toBe(1)
    await reader.cancel()
  })

  it('runs the source finally block when the consumer cancels, before cancel() resolves', async () => {
    let closed = false
    async function* rows() {
      try {
        for (let i = 0; ; i++) yield i
      } finally {
        await flush() // an async close, like a DB cursor's
        closed = true
      }
    }
    const reader = toReadableStream(rows()).getReader()
    await reader.read()
    await reader.cancel()
    expect(closed).toBe(true)
  })

  it('runs the source finally block when options.signal aborts', async () => {
    const finallyRan = deferred()
    async function* rows() {
      try {
        for (let i = 0; ; i++) yield i
      } finally {
        finallyRan.resolve()
      }
    }
    const abort = new AbortController()
    const reader = toReadableStream(rows(), { signal: abort.signal }).getReader()
    await reader.read()
    abort.abort(new Error('client left'))
    await expect(reader.read()).rejects.toThrow('client left')
    await finallyRan.promise
  })

  it('runs the source finally block when the source completes', async () => {
    const events: string[] = []
    async function* rows() {
      try {
        yield 1
      } finally {
        events.push('finally')
      }
    }
    await readAll(toReadableStream(rows()))
    expect(events).toEqual(['finally'])
  })

  it('aborts the signal given to a source function when the consumer cancels, with the cancel reason', async () => {
    let seen: AbortSignal | undefined
    const stream = toReadableStream((signal) => {
      seen = signal
      return [1, 2, 3]
    })
    const reader = stream.getReader()
    await reader.read()
    await reader.cancel('bye')
    expect(seen?.aborted).toBe(true)
    expect(seen?.reason).toBe('bye')
  })

  it('aborts the signal given to a source function with an AbortError when cancelled without a reason', async () => {
    let seen: AbortSignal | undefined
    const reader = toReadableStream((signal) => {
      seen = signal
      return [1, 2, 3]
    }).getReader()
    await reader.read()
    await reader.cancel()
    expect(seen?.reason).toBeInstanceOf(DOMException)
    expect(seen?.reason).toMatchObject({ name: 'AbortError' })
  })

  it('aborts the signal given to a source function when options.signal aborts', async () => {
    let seen: AbortSignal | undefined
    const abort = new AbortController()
    const reader = toReadableStream(
      (signal) => {
        seen = signal
        return [1, 2, 3]
      },
      { signal: abort.signal },
    ).getReader()
    await reader.read()
    const reason = new Error('gone')
    abort.abort(reason)
    expect(seen?.reason).toBe(reason)
  })

  it('aborts the signal given to a source function after the source completes', async () => {
    let seen: AbortSignal | undefined
    await readAll(
      toReadableStream((signal) => {
        seen = signal
        return [1]
      }),
    )
    expect(seen?.aborted).toBe(true)
  })

  it('errors the stream promptly when options.signal aborts while next() never resolves, and calls return()', async () => {
    let returnCalls = 0
    const never: AsyncIterator<number> & AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => never,
      next: () => new Promise<IteratorResult<number>>(() => {}),
      async return() {
        returnCalls++
        return { done: true, value: undefined }
      },
    }
    const abort = new AbortController()
    const reader = toReadableStream(never, { signal: abort.signal }).getReader()
    const pending = reader.read()
    await flush()
    abort.abort(new Error('stop'))
    await expect(pending).rejects.toThrow('stop')
    expect(returnCalls).toBe(1)
  })

  it('settles the source exactly once when cancel and abort race', async () => {
    const { iterator, calls } = countingSource()
    let aborts = 0
    const abort = new AbortController()
    const stream = toReadableStream(
      (signal) => {
        signal.addEventListener('abort', () => aborts++)
        return iterator
      },
      { signal: abort.signal },
    )
    const reader = stream.getReader()
    await reader.read()
    const cancelled = reader.cancel('cancel')
    abort.abort('abort')
    await cancelled
    await flush()
    expect(calls.return).toBe(1)
    expect(aborts).toBe(1)
  })

  it('settles the source exactly once when abort comes first and cancel follows', async () => {
    const { iterator, calls } = countingSource()
    const abort = new AbortController()
    const stream = toReadableStream(iterator, { signal: abort.signal })
    const reader = stream.getReader()
    await reader.read()
    abort.abort('abort')
    await reader.cancel('cancel').catch(() => {})
    await flush()
    expect(calls.return).toBe(1)
  })

  it('does not call next() after the consumer cancelled, even with a pull pending', async () => {
    const gate = deferred<IteratorResult<number>>()
    let nextCalls = 0
    const source: AsyncIterator<number> & AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => source,
      next: () => {
        nextCalls++
        return gate.promise
      },
      async return() {
        return { done: true, value: undefined }
      },
    }
    const reader = toReadableStream(source, { highWaterMark: 3 }).getReader()
    await flush()
    expect(nextCalls).toBe(1)
    const cancelled = reader.cancel()
    gate.resolve({ done: false, value: 1 })
    await cancelled
    await flush()
    expect(nextCalls).toBe(1)
  })

  it('propagates an error thrown by the source to the consumer', async () => {
    async function* failing() {
      yield 1
      throw new Error('boom')
    }
    const reader = toReadableStream(failing()).getReader()
    expect(await reader.read()).toEqual({ done: false, value: 1 })
    await expect(reader.read()).rejects.toThrow('boom')
  })

  it('aborts the source function signal with the error the source threw', async () => {
    let seen: AbortSignal | undefined
    const error = new Error('boom')
    const reader = toReadableStream(async function* (signal) {
      seen = signal
      yield* []
      throw error
    }).getReader()
    await expect(reader.read()).rejects.toBe(error)
    expect(seen?.reason).toBe(error)
  })

  it('errors the stream when a source function throws synchronously', async () => {
    const reader = toReadableStream(() => {
      throw new Error('cannot open')
    }).getReader()
    await expect(reader.read()).rejects.toThrow('cannot open')
  })

  it('runs a sync generator finally block on cancel', async () => {
    let closed = false
    function* numbers() {
      try {
        for (let i = 0; ; i++) yield i
      } finally {
        closed = true
      }
    }
    const reader = toReadableStream(numbers()).getReader()
    await reader.read()
    await reader.cancel()
    expect(closed).toBe(true)
  })

  it('cancels a ReadableStream source with the reason when the consumer cancels', async () => {
    let cancelReason: unknown
    const inner = new ReadableStream<number>({
      pull(controller) {
        controller.enqueue(1)
      },
      cancel(reason) {
        cancelReason = reason
      },
    })
    const reader = toReadableStream(inner).getReader()
    await reader.read()
    await reader.cancel('done reading')
    expect(cancelReason).toBe('done reading')
  })

  it('cancels a ReadableStream source when options.signal aborts', async () => {
    const cancelled = deferred<unknown>()
    const inner = new ReadableStream<number>({
      pull(controller) {
        controller.enqueue(1)
      },
      cancel(reason) {
        cancelled.resolve(reason)
      },
    })
    const abort = new AbortController()
    const reader = toReadableStream(inner, { signal: abort.signal }).getReader()
    await reader.read()
    abort.abort('left')
    expect(await cancelled.promise).toBe('left')
  })

  it('cancels a ReadableStream source that was never read when the signal is already aborted', async () => {
    const cancelled = deferred<unknown>()
    const inner = new ReadableStream<number>({
      cancel(reason) {
        cancelled.resolve(reason)
      },
    })
    const stream = toReadableStream(inner, { signal: AbortSignal.abort('early') })
    await expect(stream.getReader().read()).rejects.toBe('early')
    expect(await cancelled.promise).toBe('early')
  })
})
