import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_ERROR_MESSAGE } from './errors/error-frame'
import { encodeNdjson, encodeNdjsonError } from './formats/ndjson'
import { encodeSse, encodeSseError } from './formats/sse'
import { streamResponse } from './response'

const decoder = new TextDecoder()
const silent = () => {}

/** Every chunk of a body, decoded, keeping chunk boundaries. */
async function chunksOf(response: Response): Promise<string[]> {
  const chunks: string[] = []
  for await (const chunk of response.body as ReadableStream<Uint8Array>) chunks.push(decoder.decode(chunk))
  return chunks
}

async function bodyOf(response: Response): Promise<string> {
  return (await chunksOf(response)).join('')
}

async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string | undefined> {
  const { done, value } = await reader.read()
  return done ? undefined : decoder.decode(value)
}

/** A source whose items are released one by one by the test; counts `next()` calls. */
function controlledSource<T>() {
  const waiting: Array<(value: IteratorResult<T>) => void> = []
  const queued: Array<IteratorResult<T>> = []
  const state = { nextCalls: 0, returned: false }
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => {
      state.nextCalls++
      const ready = queued.shift()
      if (ready) return Promise.resolve(ready)
      return new Promise((resolve) => waiting.push(resolve))
    },
    async return() {
      state.returned = true
      return { done: true, value: undefined }
    },
  }
  function push(result: IteratorResult<T>) {
    const resolve = waiting.shift()
    if (resolve) resolve(result)
    else queued.push(result)
  }
  return {
    iterator,
    state,
    emit: (value: T) => push({ done: false, value }),
    end: () => push({ done: true, value: undefined }),
  }
}

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('streamResponse headers', () => {
  it.each([
    ['text', 'text/plain; charset=utf-8'],
    ['ndjson', 'application/x-ndjson; charset=utf-8'],
    ['sse', 'text/event-stream; charset=utf-8'],
  ] as const)('sets the %s content type with its charset', async (format, contentType) => {
    const response = await streamResponse(['a'], { format })
    expect(response.headers.get('Content-Type')).toBe(contentType)
  })

  it('sets the headers that stop proxies and compression from buffering, and no Connection header', async () => {
    const response = await streamResponse(['a'], { format: 'sse' })
    expect(response.headers.get('Cache-Control')).toBe('no-cache, no-transform')
    expect(response.headers.get('X-Accel-Buffering')).toBe('no')
    expect(response.headers.has('Connection')).toBe(false)
  })

  it('adds extra headers and the given status', async () => {
    const response = await streamResponse(['a'], {
      format: 'text',
      status: 201,
      headers: { 'X-Request-Id': 'abc', 'Content-Encoding': 'identity' },
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('X-Request-Id')).toBe('abc')
    expect(response.headers.get('Content-Encoding')).toBe('identity')
  })

  it('answers 200 by default', async () => {
    expect((await streamResponse(['a'], { format: 'text' })).status).toBe(200)
  })
})

describe('streamResponse bodies', () => {
  it('writes text items as they are', async () => {
    expect(await bodyOf(await streamResponse(['Hello, ', 'wörld'], { format: 'text' }))).toBe('Hello, wörld')
  })

  it('writes one JSON line per NDJSON item', async () => {
    const items = [{ id: 1 }, 'two', [3]]
    const body = await bodyOf(await streamResponse(items, { format: 'ndjson' }))
    expect(body).toBe(items.map((item) => encodeNdjson(item)).join(''))
  })

  it('writes strings as SSE data and other values as JSON data by default', async () => {
    const body = await bodyOf(await streamResponse(['hi', { n: 1 }], { format: 'sse', heartbeatMs: false }))
    expect(body).toBe(encodeSse({ data: 'hi' }) + encodeSse({ data: '{"n":1}' }))
  })

  it('maps SSE items with toSse', async () => {
    const body = await bodyOf(
      await streamResponse([1, 2], {
        format: 'sse',
        heartbeatMs: false,
        toSse: (n) => ({ event: 'tick', id: n, data: n }),
      }),
    )
    expect(body).toBe(
      encodeSse({ event: 'tick', id: 1, data: 1 }) + encodeSse({ event: 'tick', id: 2, data: 2 }),
    )
  })

  it('sends an empty body for an empty source', async () => {
    expect(await bodyOf(await streamResponse([], { format: 'ndjson' }))).toBe('')
  })
})

describe('streamResponse coalescing', () => {
  it('sends 10,000 ready items in far fewer chunks than items', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ i }))
    const chunks = await chunksOf(await streamResponse(items, { format: 'ndjson' }))
    expect(chunks.length).toBeLessThan(100)
    expect(chunks.join('')).toBe(items.map((item) => encodeNdjson(item)).join(''))
  })

  it('fills chunks up to the byte budget', async () => {
    const items = Array.from({ length: 1000 }, () => 'x'.repeat(100))
    const chunks = await chunksOf(await streamResponse(items, { format: 'text', coalesceBytes: 1000 }))
    expect(chunks.map((chunk) => chunk.length)).toEqual(Array(100).fill(1000))
  })

  it('never sends a chunk over the byte budget, cutting multi-byte text and large items across chunks', async () => {
    const items = ['€'.repeat(700), '😀 '.repeat(300), 'ascii', 'é'.repeat(2500)]
    const response = await streamResponse(items, { format: 'text', coalesceBytes: 1000 })
    const chunks: Uint8Array[] = []
    for await (const chunk of response.body as ReadableStream<Uint8Array>) chunks.push(chunk)
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(1000)
    const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
    let at = 0
    for (const chunk of chunks) {
      bytes.set(chunk, at)
      at += chunk.length
    }
    expect(decoder.decode(bytes)).toBe(items.join(''))
  })

  it('cuts one ready item larger than the budget into budget-sized chunks', async () => {
    const chunks = await chunksOf(
      await streamResponse(['y'.repeat(2500)], { format: 'text', coalesceBytes: 1000 }),
    )
    expect(chunks.map((chunk) => chunk.length)).toEqual([1000, 1000, 500])
  })

  it('sends one chunk per item with coalesceBytes 0', async () => {
    const chunks = await chunksOf(await streamResponse(['a', 'b', 'c'], { format: 'text', coalesceBytes: 0 }))
    expect(chunks).toEqual(['a', 'b', 'c'])
  })

  it('sends each item of a waiting source as its own chunk, as soon as it is yielded', async () => {
    vi.useFakeTimers() // no timer ever fires: an item held back for a later one would never arrive
    const source = controlledSource<string>()
    source.emit('one')
    const response = await streamResponse(source.iterator, { format: 'text' })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    expect(await readChunk(reader)).toBe('one')
    const second = readChunk(reader)
    source.emit('two')
    expect(await second).toBe('two')
    const third = readChunk(reader)
    source.emit('three')
    expect(await third).toBe('three')
    source.end()
    expect(await readChunk(reader)).toBeUndefined()
  })

  it('sends each item of a timer-driven source as its own chunk', async () => {
    vi.useFakeTimers()
    async function* ticks() {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        yield `t${i}`
      }
    }
    const responsePromise = streamResponse(ticks(), { format: 'text' })
    await vi.advanceTimersByTimeAsync(100)
    const reader = ((await responsePromise).body as ReadableStream<Uint8Array>).getReader()
    const chunks: Array<string | undefined> = [await readChunk(reader)]
    for (let i = 1; i < 3; i++) {
      const next = readChunk(reader)
      await vi.advanceTimersByTimeAsync(100)
      chunks.push(await next)
    }
    expect(chunks).toEqual(['t0', 't1', 't2'])
  })

  it('pulls the source only as the client reads (bounded by the chunk budget)', async () => {
    let pulls = 0
    function* endless() {
      for (;;) {
        pulls++
        yield 'x'.repeat(1024)
      }
    }
    const response = await streamResponse(endless(), { format: 'text', coalesceBytes: 8 * 1024 })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(pulls).toBeLessThanOrEqual(2)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(pulls).toBeLessThanOrEqual(8 + 2)
    await reader.cancel()
  })
})

describe('streamResponse read-ahead', () => {
  it('pulls the source no further ahead than highWaterMark above 1', async () => {
    let pulls = 0
    function* endless() {
      for (;;) {
        pulls++
        yield 'x'
      }
    }
    const response = await streamResponse(endless(), { format: 'text', coalesceBytes: 0, highWaterMark: 4 })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(pulls).toBe(4 + 1) // the read-ahead buffer, plus the first item taken to answer
    await (response.body as ReadableStream<Uint8Array>).cancel()
  })

  it('pulls one item ahead at most with the default highWaterMark', async () => {
    let pulls = 0
    function* endless() {
      for (;;) {
        pulls++
        yield 'x'
      }
    }
    const response = await streamResponse(endless(), { format: 'text', coalesceBytes: 0 })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(pulls).toBe(1)
    await (response.body as ReadableStream<Uint8Array>).cancel()
  })
})

describe('streamResponse heartbeat', () => {
  it('sends a ping comment after 15 s without an item', async () => {
    vi.useFakeTimers()
    const source = controlledSource<string>()
    source.emit('first')
    const reader = (
      (await streamResponse(source.iterator, { format: 'sse' })).body as ReadableStream<Uint8Array>
    ).getReader()
    await readChunk(reader)
    let ping: string | undefined
    void readChunk(reader).then((chunk) => {
      ping = chunk
    })
    await vi.advanceTimersByTimeAsync(14_999)
    expect(ping).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(ping).toBe(encodeSse({ comment: 'ping' }))
    await reader.cancel()
  })

  it('uses a configured interval and pings again while the source stays idle', async () => {
    vi.useFakeTimers()
    const source = controlledSource<string>()
    source.emit('first')
    const response = await streamResponse(source.iterator, { format: 'sse', heartbeatMs: 1000 })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await readChunk(reader)
    const pings: Array<string | undefined> = []
    for (let i = 0; i < 3; i++) {
      const next = readChunk(reader)
      await vi.advanceTimersByTimeAsync(1000)
      pings.push(await next)
    }
    expect(pings).toEqual(Array(3).fill(encodeSse({ comment: 'ping' })))
    await reader.cancel()
  })

  it('restarts the interval after each item', async () => {
    vi.useFakeTimers()
    const source = controlledSource<string>()
    source.emit('first')
    const response = await streamResponse(source.iterator, { format: 'sse', heartbeatMs: 1000 })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await readChunk(reader)
    const item = readChunk(reader)
    await vi.advanceTimersByTimeAsync(900)
    source.emit('second')
    expect(await item).toBe(encodeSse({ data: 'second' }))
    let next: string | undefined
    void readChunk(reader).then((chunk) => {
      next = chunk
    })
    await vi.advanceTimersByTimeAsync(900)
    expect(next).toBeUndefined()
    await vi.advanceTimersByTimeAsync(100)
    expect(next).toBe(encodeSse({ comment: 'ping' }))
    await reader.cancel()
  })

  it('sends no ping and keeps no timer when heartbeatMs is false', async () => {
    vi.useFakeTimers()
    const source = controlledSource<string>()
    source.emit('first')
    const response = await streamResponse(source.iterator, { format: 'sse', heartbeatMs: false })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await readChunk(reader)
    let next: string | undefined
    void readChunk(reader).then((chunk) => {
      next = chunk
    })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(next).toBeUndefined()
    expect(vi.getTimerCount()).toBe(0)
    await reader.cancel()
  })

  it('leaves no timer running once the stream ends', async () => {
    vi.useFakeTimers()
    await bodyOf(await streamResponse(['a', 'b'], { format: 'sse' }))
    expect(vi.getTimerCount()).toBe(0)
  })

  it('leaves no timer running once the client cancels while the source is idle', async () => {
    vi.useFakeTimers()
    const source = controlledSource<string>()
    source.emit('first')
    const reader = (
      (await streamResponse(source.iterator, { format: 'sse' })).body as ReadableStream<Uint8Array>
    ).getReader()
    await readChunk(reader)
    const pending = reader.read()
    await vi.advanceTimersByTimeAsync(10)
    expect(vi.getTimerCount()).toBe(1)
    await reader.cancel()
    await pending
    expect(vi.getTimerCount()).toBe(0)
  })

  it('answers at the first heartbeat, with a ping, when the first item is slow', async () => {
    vi.useFakeTimers()
    const source = controlledSource<string>()
    let response: Response | undefined
    void streamResponse(source.iterator, { format: 'sse', heartbeatMs: 1000 }).then((r) => {
      response = r
    })
    await vi.advanceTimersByTimeAsync(999)
    expect(response).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    if (!response) throw new Error('streamResponse did not answer at the first heartbeat')
    expect(response.status).toBe(200)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    expect(await readChunk(reader)).toBe(encodeSse({ comment: 'ping' }))
    await reader.cancel()
  })

  it('does not ping NDJSON responses', async () => {
    vi.useFakeTimers()
    const source = controlledSource<string>()
    source.emit('first')
    const response = await streamResponse(source.iterator, { format: 'ndjson', heartbeatMs: 10 })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await readChunk(reader)
    expect(vi.getTimerCount()).toBe(0)
    await reader.cancel()
  })
})

describe('streamResponse padding', () => {
  it('starts an SSE body with a 2048-byte comment when padding is true', async () => {
    const chunks = await chunksOf(
      await streamResponse(['a'], { format: 'sse', padding: true, heartbeatMs: false }),
    )
    expect(chunks[0]).toBe(encodeSse({ comment: ' '.repeat(2048) }))
    expect(chunks.slice(1).join('')).toBe(encodeSse({ data: 'a' }))
  })

  it('pads NDJSON with the given number of blank lines', async () => {
    const chunks = await chunksOf(await streamResponse([1], { format: 'ndjson', padding: 16 }))
    expect(chunks[0]).toBe('\n'.repeat(16))
  })

  it('does not pad text bodies', async () => {
    expect(await bodyOf(await streamResponse(['a'], { format: 'text', padding: true }))).toBe('a')
  })
})

describe('streamResponse errors', () => {
  async function* failsAfterOne() {
    yield 'ok'
    throw new Error('password=hunter2 at db.ts:42')
  }

  it('masks a mid-stream SSE error with the default message, never the raw one', async () => {
    const body = await bodyOf(await streamResponse(failsAfterOne(), { format: 'sse', onError: silent }))
    expect(body).toBe(encodeSse({ data: 'ok' }) + encodeSseError({ message: DEFAULT_ERROR_MESSAGE }))
    expect(body).not.toContain('hunter2')
  })

  it('masks a mid-stream NDJSON error with the default message, never the raw one', async () => {
    const body = await bodyOf(await streamResponse(failsAfterOne(), { format: 'ndjson', onError: silent }))
    expect(body).toBe(encodeNdjson('ok') + encodeNdjsonError({ message: DEFAULT_ERROR_MESSAGE }))
    expect(body).not.toContain('hunter2')
  })

  it('logs the error with console.error when no onError is given', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    await bodyOf(await streamResponse(failsAfterOne(), { format: 'ndjson' }))
    expect(log).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ message: expect.stringContaining('hunter2') }),
    )
    log.mockRestore()
  })

  it('calls onError with the error and sends the message it returns', async () => {
    const onError = vi.fn(() => 'Try again later')
    const body = await bodyOf(await streamResponse(failsAfterOne(), { format: 'sse', onError }))
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('hunter2') }),
    )
    expect(body).toContain(encodeSseError({ message: 'Try again later' }))
  })

  it('sends the message and code of an ErrorFrame returned by onError', async () => {
    const body = await bodyOf(
      await streamResponse(failsAfterOne(), {
        format: 'ndjson',
        onError: () => ({ message: 'Quota exceeded', code: 'quota' }),
      }),
    )
    expect(body).toContain(encodeNdjsonError({ message: 'Quota exceeded', code: 'quota' }))
  })

  it('sends an error frame when an item cannot be encoded, and settles the source', async () => {
    let closed = false
    async function* items() {
      try {
        yield 1
        yield undefined
        yield 3
      } finally {
        closed = true
      }
    }
    const body = await bodyOf(await streamResponse(items(), { format: 'ndjson', onError: silent }))
    expect(body).toBe(encodeNdjson(1) + encodeNdjsonError({ message: DEFAULT_ERROR_MESSAGE }))
    expect(closed).toBe(true)
  })

  it('errors the body with the error onError throws, and still settles the source', async () => {
    let closed = false
    async function* items() {
      try {
        yield 1
        yield undefined
      } finally {
        closed = true
      }
    }
    const response = await streamResponse(items(), {
      format: 'ndjson',
      onError: () => {
        throw new Error('logger down')
      },
    })
    await expect(bodyOf(response)).rejects.toThrow('logger down')
    expect(closed).toBe(true)
  })

  it('answers 500 with a masked JSON error when the source fails before its first item', async () => {
    const onError = vi.fn()
    const response = await streamResponse(
      (async function* () {
        yield* []
        throw new Error('secret connection string')
      })(),
      { format: 'sse', onError },
    )
    expect(response.status).toBe(500)
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(await response.json()).toEqual({ error: DEFAULT_ERROR_MESSAGE })
    expect(onError).toHaveBeenCalledOnce()
  })

  it('puts the message and code chosen by onError in the 500 JSON body', async () => {
    const response = await streamResponse(
      () => {
        throw new Error('boom')
      },
      { format: 'ndjson', onError: () => ({ message: 'Not allowed', code: 'forbidden' }) },
    )
    expect(await response.json()).toEqual({ error: 'Not allowed', code: 'forbidden' })
  })

  it('errors a text body after the bytes sent before a mid-stream error', async () => {
    const onError = vi.fn()
    const response = await streamResponse(failsAfterOne(), { format: 'text', onError })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    expect(await readChunk(reader)).toBe('ok')
    await expect(reader.read()).rejects.toThrow('hunter2')
    expect(onError).toHaveBeenCalledOnce()
  })
})

describe('streamResponse cancellation', () => {
  it('runs the source finally block when request.signal aborts', async () => {
    const finallyRan = deferred()
    async function* endless() {
      try {
        for (;;) {
          yield 'tick'
          await new Promise((resolve) => setTimeout(resolve, 1))
        }
      } finally {
        finallyRan.resolve()
      }
    }
    const request = new AbortController()
    const response = await streamResponse(endless(), { format: 'sse', signal: request.signal })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await readChunk(reader)
    request.abort(new Error('client disconnected'))
    await expect(reader.read()).rejects.toThrow('client disconnected')
    await finallyRan.promise
  })

  it('aborts the signal of a source function when request.signal aborts, without calling onError', async () => {
    let seen: AbortSignal | undefined
    const onError = vi.fn()
    const request = new AbortController()
    const source = controlledSource<string>()
    source.emit('first')
    const response = await streamResponse(
      (signal) => {
        seen = signal
        return source.iterator
      },
      { format: 'ndjson', signal: request.signal, onError },
    )
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await readChunk(reader)
    request.abort()
    await expect(reader.read()).rejects.toBeDefined()
    expect(seen?.aborted).toBe(true)
    expect(onError).not.toHaveBeenCalled()
  })

  it('runs the source finally block when the client cancels the body', async () => {
    let closed = false
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield `${i}`
      } finally {
        closed = true
      }
    }
    const response = await streamResponse(endless(), { format: 'text' })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    await reader.cancel()
    expect(closed).toBe(true)
  })

  it('settles an idle source when the client cancels while waiting for an item', async () => {
    const source = controlledSource<string>()
    source.emit('first')
    const response = await streamResponse(source.iterator, { format: 'sse', heartbeatMs: false })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await readChunk(reader)
    const pending = reader.read()
    await reader.cancel()
    expect(await pending).toEqual({ done: true, value: undefined })
    source.emit('late')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(source.state.returned).toBe(true)
  })
})
