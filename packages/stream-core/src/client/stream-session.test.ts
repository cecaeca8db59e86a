import { afterEach, describe, expect, it, vi } from 'vitest'
import { ErrorFrameError } from '../errors/error-frame-error'
import { HttpError } from '../errors/http-error'
import { NetworkError } from '../errors/network-error'
import { ParseError } from '../errors/parse-error'
import type { SseEvent } from '../formats/sse-types'
import { createStreamSession } from './stream-session'
import type { StreamStatus } from './stream-state'

/** One request the fake server received, with the body stream it answers with under the test's control. */
interface Connection {
  url: string
  init: RequestInit
  headers: Headers
  at: number
  push(chunk: string | Uint8Array): void
  end(): void
  drop(): void
  readonly cancelled: boolean
}

/**
 * A `fetch` that answers each call with a real `Response` over a real `ReadableStream` the test writes to.
 * Like a real fetch, aborting the request's signal errors the body; the stream records a consumer cancel.
 */
function createFakeServer(respond?: (connection: Connection) => Response | undefined) {
  const connections: Connection[] = []
  const encoder = new TextEncoder()
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    let controller!: ReadableStreamDefaultController<Uint8Array>
    let open = true
    let cancelled = false
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c
      },
      cancel: () => {
        cancelled = true
        open = false
      },
    })
    const connection: Connection = {
      url: String(input),
      init,
      headers: new Headers(init.headers),
      at: Date.now(),
      push: (chunk) => {
        if (open) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
      },
      end: () => {
        if (open) controller.close()
        open = false
      },
      drop: () => {
        if (open) controller.error(new TypeError('network connection lost'))
        open = false
      },
      get cancelled() {
        return cancelled
      },
    }
    connections.push(connection)
    const signal = init.signal
    if (signal?.aborted) throw signal.reason
    signal?.addEventListener('abort', () => {
      if (open) controller.error(signal.reason)
      open = false
    })
    return respond?.(connection) ?? new Response(stream, { status: 200 })
  }
  return { fetch: fetch as typeof globalThis.fetch, connections }
}

/** Lets pending reads, decodes and state updates run (real macrotask turns, also under fake timers). */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

function recordStatuses(session: {
  subscribe(l: () => void): () => void
  getSnapshot(): { status: StreamStatus }
}) {
  const statuses: StreamStatus[] = [session.getSnapshot().status]
  session.subscribe(() => {
    const { status } = session.getSnapshot()
    if (statuses.at(-1) !== status) statuses.push(status)
  })
  return statuses
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createStreamSession: formats and status', () => {
  it('goes idle -> connecting -> streaming -> done and builds the text', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/story', format: 'text', fetch: server.fetch })
    const statuses = recordStatuses(session)
    const finished = session.start()
    await flush()
    server.connections[0]?.push('Hello, ')
    server.connections[0]?.push('world')
    server.connections[0]?.end()
    expect((await finished).value).toBe('Hello, world')
    expect(statuses).toEqual(['idle', 'connecting', 'streaming', 'done'])
  })

  it('collects NDJSON items in order', async () => {
    const server = createFakeServer()
    const session = createStreamSession<'ndjson', { n: number }>({
      url: '/rows',
      format: 'ndjson',
      fetch: server.fetch,
    })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('{"n":1}\n{"n"')
    server.connections[0]?.push(':2}\n')
    server.connections[0]?.end()
    const final = await finished
    expect(final.status).toBe('done')
    expect(final.value).toEqual([{ n: 1 }, { n: 2 }])
  })

  it('collects SSE events and tracks the last event ID', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('id: 1\ndata: a\n\nevent: tick\ndata: b\n\n')
    server.connections[0]?.end()
    const final = await finished
    expect(final.value).toEqual([
      { event: 'message', data: 'a', id: '1' },
      { event: 'tick', data: 'b', id: '1' },
    ])
    expect(final.lastEventId).toBe('1')
  })

  it('folds chunks with a reducer', async () => {
    const server = createFakeServer()
    const session = createStreamSession({
      url: '/story',
      format: 'text',
      fetch: server.fetch,
      reduce: (count: number, chunk: string) => count + chunk.length,
      initial: 0,
    })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('abc')
    server.connections[0]?.push('de')
    server.connections[0]?.end()
    expect((await finished).value).toBe(5)
  })

  it('hands every chunk to onChunk', async () => {
    const server = createFakeServer()
    const chunks: unknown[] = []
    const session = createStreamSession({
      url: '/rows',
      format: 'ndjson',
      fetch: server.fetch,
      onChunk: (item) => chunks.push(item),
    })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('1\n2\n3\n')
    server.connections[0]?.end()
    await finished
    expect(chunks).toEqual([1, 2, 3])
  })

  it('keeps multi-byte characters split across chunks intact', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/story', format: 'text', fetch: server.fetch })
    const finished = session.start()
    await flush()
    const bytes = new TextEncoder().encode('é€😀')
    for (const byte of bytes) server.connections[0]?.push(Uint8Array.of(byte))
    server.connections[0]?.end()
    expect((await finished).value).toBe('é€😀')
  })

  it('keeps the snapshot object identical until something changes', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/story', format: 'text', fetch: server.fetch })
    void session.start()
    await flush()
    const before = session.getSnapshot()
    expect(session.getSnapshot()).toBe(before)
    server.connections[0]?.push('x')
    await flush()
    expect(session.getSnapshot()).not.toBe(before)
  })

  it('calls onFinish once with the final value', async () => {
    const server = createFakeServer()
    const onFinish = vi.fn()
    const session = createStreamSession({ url: '/story', format: 'text', fetch: server.fetch, onFinish })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('end')
    server.connections[0]?.end()
    await finished
    expect(onFinish.mock.calls).toEqual([['end']])
  })
})

describe('createStreamSession: requests', () => {
  it('sends a plain-object body as a JSON POST with the session headers', async () => {
    const server = createFakeServer()
    const session = createStreamSession({
      url: '/chat',
      format: 'text',
      fetch: server.fetch,
      headers: { authorization: 'Bearer t' },
      body: { prompt: 'hi' },
    })
    void session.start()
    await flush()
    const [connection] = server.connections
    expect(connection?.init.method).toBe('POST')
    expect(connection?.init.body).toBe('{"prompt":"hi"}')
    expect(connection?.headers.get('authorization')).toBe('Bearer t')
    expect(connection?.headers.get('content-type')).toBe('application/json')
  })

  it('lets start(input) override the url and body and add headers', async () => {
    const server = createFakeServer()
    const session = createStreamSession({
      url: '/a',
      format: 'text',
      fetch: server.fetch,
      headers: { x: '1' },
    })
    void session.start({ url: '/b', body: { n: 2 }, headers: { y: '2' } })
    await flush()
    const [connection] = server.connections
    expect(connection?.url).toBe('/b')
    expect(connection?.init.body).toBe('{"n":2}')
    expect([connection?.headers.get('x'), connection?.headers.get('y')]).toEqual(['1', '2'])
  })

  it('throws a TypeError from start() when no url is known', () => {
    const session = createStreamSession({ format: 'text' })
    expect(() => session.start()).toThrow(TypeError)
  })
})

describe('createStreamSession: errors', () => {
  it('turns a non-2xx response into an HttpError with the server JSON message', async () => {
    const server = createFakeServer(() => Response.json({ error: 'Prompt too long' }, { status: 413 }))
    const onError = vi.fn()
    const session = createStreamSession({ url: '/chat', format: 'text', fetch: server.fetch, onError })
    const final = await session.start()
    expect(final.status).toBe('error')
    expect(HttpError.isInstance(final.error)).toBe(true)
    expect([(final.error as HttpError).status, final.error?.message]).toEqual([413, 'Prompt too long'])
    expect(onError).toHaveBeenCalledWith(final.error)
  })

  it('ends in error with an ErrorFrameError on an SSE error frame, keeping the events before it', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('data: a\n\nevent: error\ndata: {"message":"boom","code":"E1"}\n\n')
    const final = await finished
    expect(ErrorFrameError.isInstance(final.error)).toBe(true)
    expect([final.error?.message, (final.error as ErrorFrameError).frameCode]).toEqual(['boom', 'E1'])
    expect(final.value).toHaveLength(1)
  })

  it('ends in error with an ErrorFrameError on an NDJSON error envelope', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/rows', format: 'ndjson', fetch: server.fetch })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('{"n":1}\n{"$error":{"message":"db down"}}\n')
    const final = await finished
    expect(ErrorFrameError.isInstance(final.error)).toBe(true)
    expect(final.error?.message).toBe('db down')
  })

  it('ends in error with a ParseError on a line that is not JSON', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/rows', format: 'ndjson', fetch: server.fetch })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('{"n":1}\n{nope\n')
    server.connections[0]?.end()
    expect(ParseError.isInstance((await finished).error)).toBe(true)
  })

  it('ends in error with a NetworkError when a text body drops mid-stream', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/story', format: 'text', fetch: server.fetch })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('partial')
    server.connections[0]?.drop()
    const final = await finished
    expect(NetworkError.isInstance(final.error)).toBe(true)
    expect(final.value).toBe('partial')
  })

  it('ends in error with a NetworkError when fetch rejects', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch')
    }) as typeof fetch
    const session = createStreamSession({ url: '/story', format: 'ndjson', fetch: failing })
    const final = await session.start()
    expect(NetworkError.isInstance(final.error)).toBe(true)
    expect(final.error?.cause).toEqual(new TypeError('Failed to fetch'))
  })

  it('ends in error with an EncodeError, without reconnecting, when the body cannot be JSON-encoded', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch })
    const final = await session.start({ body: { n: 1n } })
    expect([final.status, final.error?.code, server.connections.length]).toEqual(['error', 'encode', 0])
  })

  it('turns a reducer that throws into a ParseError keeping the cause', async () => {
    const server = createFakeServer()
    const bug = new RangeError('bad chunk')
    const session = createStreamSession({
      url: '/story',
      format: 'text',
      fetch: server.fetch,
      reduce: () => {
        throw bug
      },
      initial: '',
    })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('x')
    const final = await finished
    expect(ParseError.isInstance(final.error)).toBe(true)
    expect(final.error?.cause).toBe(bug)
  })
})

describe('createStreamSession: stop, restart, reset', () => {
  it('stop() aborts the request signal and ends in aborted', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/story', format: 'text', fetch: server.fetch })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('a')
    await flush()
    session.stop()
    expect(server.connections[0]?.init.signal?.aborted).toBe(true)
    const final = await finished
    expect([final.status, final.value]).toEqual(['aborted', 'a'])
  })

  it('ignores chunks that arrive after stop()', async () => {
    const server = createFakeServer(
      (connection) =>
        new Response(
          new ReadableStream({
            pull: async (controller) => {
              // A body that keeps producing even after abort, like a misbehaving polyfill.
              await new Promise((resolve) => setImmediate(resolve))
              controller.enqueue(new TextEncoder().encode(connection.url))
            },
          }),
        ),
    )
    const session = createStreamSession({ url: 'x', format: 'text', fetch: server.fetch })
    void session.start()
    await flush()
    session.stop()
    const valueAtStop = session.getSnapshot().value
    await flush()
    expect(session.getSnapshot().value).toBe(valueAtStop)
    expect(session.getSnapshot().status).toBe('aborted')
  })

  it('stop() cancels the response body even when the fetch ignores the abort signal', async () => {
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      cancel: () => {
        cancelled = true
      },
    })
    const fetch = (async () => new Response(body)) as typeof globalThis.fetch
    const session = createStreamSession({ url: '/story', format: 'text', fetch })
    const finished = session.start()
    await flush()
    session.stop()
    await finished
    await flush()
    expect(cancelled).toBe(true)
  })

  it('cancels the body of a response that arrives after stop()', async () => {
    let cancelled = false
    let answer: (response: Response) => void = () => {}
    const fetch = (() =>
      new Promise<Response>((resolve) => {
        answer = resolve
      })) as typeof globalThis.fetch
    const session = createStreamSession({ url: '/story', format: 'text', fetch })
    void session.start()
    session.stop()
    const body = new ReadableStream({
      cancel: () => {
        cancelled = true
      },
    })
    answer(new Response(body))
    await flush()
    expect([session.getSnapshot().status, cancelled]).toEqual(['aborted', true])
  })

  it('stop() is a no-op when nothing runs', () => {
    const session = createStreamSession({ url: '/story', format: 'text' })
    session.stop()
    expect(session.getSnapshot().status).toBe('idle')
  })

  it('a new start() aborts the previous request and none of its chunks land', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/story', format: 'text', fetch: server.fetch })
    const first = session.start()
    await flush()
    server.connections[0]?.push('old ')
    await flush()
    const second = session.start()
    expect(server.connections[0]?.init.signal?.aborted).toBe(true)
    server.connections[0]?.push('stale')
    await flush()
    server.connections[1]?.push('new')
    server.connections[1]?.end()
    expect((await first).status).toBe('aborted')
    expect((await second).value).toBe('new')
  })

  it('reset() aborts and returns to idle with the initial value', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/story', format: 'text', fetch: server.fetch })
    void session.start()
    await flush()
    server.connections[0]?.push('a')
    await flush()
    session.reset()
    expect(server.connections[0]?.init.signal?.aborted).toBe(true)
    expect(session.getSnapshot()).toMatchObject({ status: 'idle', value: '', error: undefined })
  })

  it('stops when the signal given to start() aborts', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/story', format: 'text', fetch: server.fetch })
    const external = new AbortController()
    const finished = session.start({ signal: external.signal })
    await flush()
    external.abort()
    expect((await finished).status).toBe('aborted')
    expect(server.connections[0]?.init.signal?.aborted).toBe(true)
  })

  it('stops notifying a listener after it unsubscribes', async () => {
    const session = createStreamSession({ url: '/story', format: 'text', fetch: createFakeServer().fetch })
    const listener = vi.fn()
    const unsubscribe = session.subscribe(listener)
    unsubscribe()
    void session.start()
    session.stop()
    expect(listener).not.toHaveBeenCalled()
  })
})

describe('createStreamSession: SSE reconnect', () => {
  const reconnect = { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 10_000, jitter: 'none' as const }

  /** Drops connection after connection; returns the wait between each drop and the next request. */
  async function dropEachConnection(connections: Connection[], drops: number): Promise<number[]> {
    const delays: number[] = []
    for (let i = 0; i < drops; i++) {
      const droppedAt = Date.now()
      connections[i]?.drop()
      await flush()
      await vi.advanceTimersByTimeAsync(60_000)
      await flush()
      const next = connections[i + 1]
      if (next) delays.push(next.at - droppedAt)
    }
    return delays
  }

  function useFakeClock() {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  }

  it('reconnects after a drop with Last-Event-ID and exponential delays, then gives up with a NetworkError', async () => {
    useFakeClock()
    const server = createFakeServer()
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch, reconnect })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('id: 7\ndata: a\n\n')
    await flush()
    const delays = await dropEachConnection(server.connections, reconnect.maxRetries + 1)
    const final = await finished
    expect(delays).toEqual([100, 200, 400])
    expect(server.connections.slice(1).map((connection) => connection.headers.get('last-event-id'))).toEqual([
      '7',
      '7',
      '7',
    ])
    expect(final.status).toBe('error')
    expect(NetworkError.isInstance(final.error)).toBe(true)
  })

  it('jitters each delay with the injected random source', async () => {
    useFakeClock()
    const server = createFakeServer()
    const session = createStreamSession({
      url: '/events',
      format: 'sse',
      fetch: server.fetch,
      reconnect: { ...reconnect, maxRetries: 2, jitter: 'full', random: () => 0.5 },
    })
    void session.start()
    await flush()
    expect(await dropEachConnection(server.connections, 3)).toEqual([50, 100])
  })

  it('uses the server retry field as the base delay', async () => {
    useFakeClock()
    const server = createFakeServer()
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch, reconnect })
    void session.start()
    await flush()
    server.connections[0]?.push('retry: 2500\ndata: a\n\n')
    await flush()
    server.connections[0]?.drop()
    await flush()
    await vi.advanceTimersByTimeAsync(2499)
    expect(server.connections).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await flush()
    expect(server.connections).toHaveLength(2)
  })

  it('keeps the events of every connection and reports the reconnecting state', async () => {
    useFakeClock()
    const server = createFakeServer()
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch, reconnect })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('id: 1\ndata: a\n\n')
    await flush()
    server.connections[0]?.drop()
    await flush()
    expect(session.getSnapshot()).toMatchObject({ status: 'connecting', retries: 1 })
    await vi.advanceTimersByTimeAsync(100)
    await flush()
    server.connections[1]?.push('data: b\n\n')
    server.connections[1]?.end()
    const final = await finished
    expect((final.value as SseEvent[]).map((event) => [event.data, event.id])).toEqual([
      ['a', '1'],
      ['b', '1'],
    ])
    expect([final.status, final.retries]).toEqual(['done', 0])
  })

  it('counts retries from zero again once a reconnection delivers an event', async () => {
    useFakeClock()
    const server = createFakeServer()
    const session = createStreamSession({
      url: '/events',
      format: 'sse',
      fetch: server.fetch,
      reconnect: { ...reconnect, maxRetries: 1 },
    })
    void session.start()
    await flush()
    for (let i = 0; i < 3; i++) {
      server.connections[i]?.push('data: x\n\n')
      await flush()
      server.connections[i]?.drop()
      await flush()
      await vi.advanceTimersByTimeAsync(100)
      await flush()
    }
    expect(server.connections).toHaveLength(4)
    expect(session.getSnapshot().status).toBe('streaming')
  })

  it('sends the lastEventId given to start() on the first request', async () => {
    const server = createFakeServer()
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch })
    void session.start({ lastEventId: '42' })
    await flush()
    expect(server.connections[0]?.headers.get('last-event-id')).toBe('42')
  })

  it('does not reconnect after a clean end', async () => {
    useFakeClock()
    const server = createFakeServer()
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch, reconnect })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('data: a\n\n')
    server.connections[0]?.end()
    expect((await finished).status).toBe('done')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.connections).toHaveLength(1)
  })

  it('does not reconnect after an error frame', async () => {
    useFakeClock()
    const server = createFakeServer()
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch, reconnect })
    const finished = session.start()
    await flush()
    server.connections[0]?.push('event: error\ndata: {"message":"nope"}\n\n')
    expect((await finished).status).toBe('error')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.connections).toHaveLength(1)
  })

  it('does not reconnect after an HTTP error', async () => {
    useFakeClock()
    const server = createFakeServer(() => Response.json({ error: 'gone' }, { status: 410 }))
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch, reconnect })
    expect((await session.start()).status).toBe('error')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.connections).toHaveLength(1)
  })

  it('does not reconnect after stop(), even during the backoff wait', async () => {
    useFakeClock()
    const server = createFakeServer()
    const session = createStreamSession({ url: '/events', format: 'sse', fetch: server.fetch, reconnect })
    const finished = session.start()
    await flush()
    server.connections[0]?.drop()
    await flush()
    session.stop()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.connections).toHaveLength(1)
    expect((await finished).status).toBe('aborted')
  })

  it('does not reconnect text or NDJSON streams', async () => {
    useFakeClock()
    const server = createFakeServer()
    const session = createStreamSession({ url: '/rows', format: 'ndjson', fetch: server.fetch, reconnect })
    const finished = session.start()
    await flush()
    server.connections[0]?.drop()
    expect((await finished).status).toBe('error')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.connections).toHaveLength(1)
  })

  it('with reconnect: false reports the drop at once', async () => {
    const server = createFakeServer()
    const session = createStreamSession({
      url: '/events',
      format: 'sse',
      fetch: server.fetch,
      reconnect: false,
    })
    const finished = session.start()
    await flush()
    server.connections[0]?.drop()
    const final = await finished
    expect(NetworkError.isInstance(final.error)).toBe(true)
    expect(server.connections).toHaveLength(1)
  })
})
