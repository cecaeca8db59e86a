import { HttpError, type SseEvent, type StreamStatus } from '@streamkit/stream-core'
import { act, render, renderHook } from '@testing-library/react'
import { Profiler, type ReactNode, StrictMode } from 'react'
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { createFakeServer, flush } from './testing/fake-server'
import { useStream } from './use-stream'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** A component that shows the streamed text and hands its start() to the test. */
function Story({ fetch, starter }: { fetch: typeof globalThis.fetch; starter: { start?: () => void } }) {
  const stream = useStream({ url: '/story', format: 'text', fetch })
  starter.start = () => void stream.start()
  return <p data-testid="text">{stream.value}</p>
}

const strict = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>

/** Runs `work` inside act and lets the stream's reads and React's updates settle. */
async function settle(work: () => void = () => {}): Promise<void> {
  await act(async () => {
    work()
    await flush()
  })
}

describe('useStream: status and value', () => {
  it('renders idle -> connecting -> streaming -> done with the final text', async () => {
    const server = createFakeServer()
    const statuses: StreamStatus[] = []
    const { result } = renderHook(() => {
      const stream = useStream({ url: '/story', format: 'text', fetch: server.fetch })
      if (statuses.at(-1) !== stream.status) statuses.push(stream.status)
      return stream
    })
    await settle(() => void result.current.start())
    await settle(() => {
      server.connections[0]?.push('Hello ')
      server.connections[0]?.push('world')
      server.connections[0]?.end()
    })
    expect(statuses).toEqual(['idle', 'connecting', 'streaming', 'done'])
    expect(result.current.value).toBe('Hello world')
  })

  it('builds a reducer value from SSE events', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() =>
      useStream({
        url: '/ai',
        format: 'sse',
        fetch: server.fetch,
        reduce: (text: string, event: SseEvent) => (event.event === 'text' ? text + event.data : text),
        initial: '',
      }),
    )
    await settle(() => void result.current.start())
    await settle(() => {
      server.connections[0]?.push(
        'event: text\ndata: Hi\n\nevent: other\ndata: x\n\nevent: text\ndata: !\n\n',
      )
      server.connections[0]?.end()
    })
    expect([result.current.status, result.current.value]).toEqual(['done', 'Hi!'])
  })

  it('fetches nothing on mount and during render', async () => {
    const server = createFakeServer()
    renderHook(() => useStream({ url: '/story', format: 'text', fetch: server.fetch }), { wrapper: strict })
    await settle()
    expect(server.connections).toHaveLength(0)
  })

  it('commits the final state at once, without waiting for a frame', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    const server = createFakeServer()
    const { result } = renderHook(() => useStream({ url: '/story', format: 'text', fetch: server.fetch }))
    await settle(() => void result.current.start())
    await settle(() => {
      server.connections[0]?.push('all of it')
      server.connections[0]?.end()
    })
    expect([result.current.status, result.current.value]).toEqual(['done', 'all of it'])
  })

  it('sends the latest options: body and headers changed by a re-render', async () => {
    const server = createFakeServer()
    const { result, rerender } = renderHook(
      ({ topic }) => useStream({ url: '/story', format: 'text', fetch: server.fetch, body: { topic } }),
      { initialProps: { topic: 'cats' } },
    )
    rerender({ topic: 'otters' })
    await settle(() => void result.current.start())
    expect(server.connections[0]?.init.body).toBe('{"topic":"otters"}')
  })

  it('lets start(input) override the request per call', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useStream({ url: '/story', format: 'text', fetch: server.fetch }))
    await settle(() => void result.current.start({ url: '/other', body: { n: 1 } }))
    expect([server.connections[0]?.url, server.connections[0]?.init.body]).toEqual(['/other', '{"n":1}'])
  })

  it('keeps start, stop and reset identical across renders', async () => {
    const { result, rerender } = renderHook(() => useStream({ url: '/story', format: 'text' }))
    const first = result.current
    rerender()
    expect([result.current.start, result.current.stop, result.current.reset]).toEqual([
      first.start,
      first.stop,
      first.reset,
    ])
    expect(result.current.start).toBe(first.start)
  })

  it('calls onChunk for every chunk, onFinish with the final value', async () => {
    const server = createFakeServer()
    const chunks: string[] = []
    const onFinish = vi.fn()
    const { result } = renderHook(() =>
      useStream({
        url: '/story',
        format: 'text',
        fetch: server.fetch,
        onChunk: (c) => chunks.push(c),
        onFinish,
      }),
    )
    await settle(() => void result.current.start())
    await settle(() => {
      for (const word of ['a', 'b', 'c']) server.connections[0]?.push(word)
      server.connections[0]?.end()
    })
    expect(chunks.join('')).toBe('abc')
    expect(onFinish).toHaveBeenCalledWith('abc')
  })
})

describe('useStream: errors', () => {
  it('reports a non-2xx response as an HttpError with the server message, and calls onError', async () => {
    const server = createFakeServer(() => Response.json({ error: 'Rate limited' }, { status: 429 }))
    const onError = vi.fn()
    const { result } = renderHook(() =>
      useStream({ url: '/story', format: 'text', fetch: server.fetch, onError }),
    )
    await settle(() => void result.current.start())
    expect(result.current.status).toBe('error')
    expect(HttpError.isInstance(result.current.error)).toBe(true)
    expect([(result.current.error as HttpError).status, result.current.error?.message]).toEqual([
      429,
      'Rate limited',
    ])
    expect(onError).toHaveBeenCalledWith(result.current.error)
  })
})

describe('useStream: lifecycle', () => {
  it('stop() aborts the request and ends in aborted, keeping what arrived', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useStream({ url: '/story', format: 'text', fetch: server.fetch }))
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.push('part'))
    await settle(() => result.current.stop())
    expect(server.connections[0]?.signal?.aborted).toBe(true)
    await settle(() => server.connections[0]?.push(' stale'))
    expect([result.current.status, result.current.value]).toEqual(['aborted', 'part'])
  })

  it('unmounting aborts the request', async () => {
    const server = createFakeServer()
    const { result, unmount } = renderHook(() =>
      useStream({ url: '/story', format: 'text', fetch: server.fetch }),
    )
    await settle(() => void result.current.start())
    unmount()
    expect(server.connections[0]?.signal?.aborted).toBe(true)
  })

  it('a new start() aborts the previous request and only the new chunks land', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useStream({ url: '/story', format: 'text', fetch: server.fetch }))
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.push('old'))
    await settle(() => void result.current.start())
    expect(server.connections[0]?.signal?.aborted).toBe(true)
    await settle(() => {
      server.connections[0]?.push('stale')
      server.connections[1]?.push('new')
      server.connections[1]?.end()
    })
    expect([result.current.status, result.current.value]).toEqual(['done', 'new'])
  })

  it('reset() aborts and returns to idle with the initial value', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useStream({ url: '/story', format: 'text', fetch: server.fetch }))
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.push('x'))
    await settle(() => result.current.reset())
    expect(server.connections[0]?.signal?.aborted).toBe(true)
    expect([result.current.status, result.current.value, result.current.error]).toEqual([
      'idle',
      '',
      undefined,
    ])
  })

  it('works under Strict Mode: start, stream, stop', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useStream({ url: '/story', format: 'text', fetch: server.fetch }), {
      wrapper: strict,
    })
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.push('strict'))
    await settle(() => result.current.stop())
    expect(server.connections).toHaveLength(1)
    expect([result.current.status, result.current.value]).toEqual(['aborted', 'strict'])
  })

  it('autoStart fetches exactly once under Strict Mode double effects', async () => {
    const server = createFakeServer()
    const { result } = renderHook(
      () => useStream({ url: '/story', format: 'text', fetch: server.fetch, autoStart: true }),
      { wrapper: strict },
    )
    await settle()
    await settle(() => {
      server.connections[0]?.push('auto')
      server.connections[0]?.end()
    })
    expect(server.connections).toHaveLength(1)
    expect([result.current.status, result.current.value]).toEqual(['done', 'auto'])
  })

  it('autoStart restarts when the url changes, aborting the previous request', async () => {
    const server = createFakeServer()
    const { rerender } = renderHook(
      ({ url }) => useStream({ url, format: 'text', fetch: server.fetch, autoStart: true }),
      { initialProps: { url: '/a' } },
    )
    await settle()
    rerender({ url: '/b' })
    await settle()
    expect(server.connections.map((connection) => connection.url)).toEqual(['/a', '/b'])
    expect(server.connections[0]?.signal?.aborted).toBe(true)
  })
})

describe('useStream: frame-coalesced rendering', () => {
  it('at 5,000 chunks/s for 1 s commits at most about once per frame, with the exact final text', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'Date'] })
    const consoleError = vi.spyOn(console, 'error')
    const server = createFakeServer()
    const seen: string[] = []
    let commits = 0
    const wrapper = ({ children }: { children: ReactNode }) => (
      <Profiler id="stream" onRender={() => commits++}>
        {children}
      </Profiler>
    )
    const { result } = renderHook(
      () => useStream({ url: '/fast', format: 'text', fetch: server.fetch, onChunk: (c) => seen.push(c) }),
      { wrapper },
    )
    await settle(() => void result.current.start())
    const commitsBefore = commits
    const chunk = (i: number) => `${i % 10}é`
    let expected = ''
    let midStream = ''
    const durationMs = 1000
    for (let ms = 0; ms < durationMs; ms++) {
      await act(async () => {
        for (let k = 0; k < 5; k++) {
          const text = chunk(ms * 5 + k)
          expected += text
          server.connections[0]?.push(text)
        }
        await vi.advanceTimersByTimeAsync(1)
      })
      if (ms === durationMs / 2) midStream = result.current.value
    }
    await settle(() => server.connections[0]?.end())

    const frames = Math.ceil(durationMs / 16)
    const streamingCommits = commits - commitsBefore
    expect(seen).toHaveLength(5000)
    expect(result.current.value).toBe(expected)
    expect(result.current.status).toBe('done')
    expect(streamingCommits).toBeLessThanOrEqual(frames + 3)
    // It did render progressively, not only at the end.
    expect(streamingCommits).toBeGreaterThan(frames / 2)
    expect(expected.startsWith(midStream) && midStream.length > 0).toBe(true)
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('with throttleMs commits at most once per throttle window', async () => {
    vi.useFakeTimers({
      toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'],
    })
    const server = createFakeServer()
    let renders = 0
    const { result } = renderHook(() => {
      renders++
      return useStream({ url: '/fast', format: 'text', fetch: server.fetch, throttleMs: 100 })
    })
    await settle(() => void result.current.start())
    const rendersBefore = renders
    for (let ms = 0; ms < 500; ms++) {
      await act(async () => {
        server.connections[0]?.push('x')
        await vi.advanceTimersByTimeAsync(1)
      })
    }
    expect(renders - rendersBefore).toBeLessThanOrEqual(5 + 1)
    expect(result.current.value.length).toBeGreaterThan(0)
  })

  it('renders a component that shows the stream without "Maximum update depth exceeded"', async () => {
    const consoleError = vi.spyOn(console, 'error')
    const server = createFakeServer()
    const starter: { start?: () => void } = {}
    const view = render(<Story fetch={server.fetch} starter={starter} />)
    await settle(() => starter.start?.())
    await settle(() => {
      for (let i = 0; i < 10_000; i++) server.connections[0]?.push('.')
      server.connections[0]?.end()
    })
    expect(view.getByTestId('text').textContent).toHaveLength(10_000)
    expect(consoleError).not.toHaveBeenCalled()
  })
})

describe('useStream: types', () => {
  it('infers the value from the format, or from the reducer', () => {
    const text = () => useStream({ url: '/a', format: 'text' })
    const events = () => useStream({ url: '/a', format: 'sse' })
    const rows = () => useStream<'ndjson', { id: number }>({ url: '/a', format: 'ndjson' })
    const reduced = () =>
      useStream({
        url: '/a',
        format: 'sse',
        reduce: (count: number, event) => count + event.data.length,
        initial: 0,
      })
    expectTypeOf<ReturnType<typeof text>['value']>().toEqualTypeOf<string>()
    expectTypeOf<ReturnType<typeof events>['value']>().toEqualTypeOf<SseEvent[]>()
    expectTypeOf<ReturnType<typeof rows>['value']>().toEqualTypeOf<{ id: number }[]>()
    expectTypeOf<ReturnType<typeof reduced>['value']>().toEqualTypeOf<number>()
  })
})
