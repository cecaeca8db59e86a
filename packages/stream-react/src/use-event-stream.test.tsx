import { ErrorFrameError, NetworkError } from '@streamkit/stream-core'
import { act, renderHook } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Connection, createFakeServer, flush } from './testing/fake-server'
import { useEventStream } from './use-event-stream'

afterEach(() => {
  vi.useRealTimers()
})

async function settle(work: () => void = () => {}): Promise<void> {
  await act(async () => {
    work()
    await flush()
  })
}

const reconnect = { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 10_000, jitter: 'none' as const }

function useFakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
}

/** Drops connection after connection; returns the wait between each drop and the next request. */
async function dropEachConnection(connections: Connection[], drops: number): Promise<number[]> {
  const delays: number[] = []
  for (let i = 0; i < drops; i++) {
    const droppedAt = Date.now()
    await settle(() => connections[i]?.drop())
    await act(async () => {
      await vi.advanceTimersByTimeAsync(60_000)
      await flush()
    })
    const next = connections[i + 1]
    if (next) delays.push(next.at - droppedAt)
  }
  return delays
}

describe('useEventStream', () => {
  it('collects events with their ids, goes through every status, exposes the last event ID', async () => {
    const server = createFakeServer()
    const statuses: string[] = []
    const { result } = renderHook(() => {
      const stream = useEventStream('/api/events', { fetch: server.fetch })
      if (statuses.at(-1) !== stream.status) statuses.push(stream.status)
      return stream
    })
    await settle(() => void result.current.start())
    await settle(() => {
      server.connections[0]?.push('id: 1\nevent: tick\ndata: a\n\n: heartbeat\n\nid: 2\ndata: b\n\n')
      server.connections[0]?.end()
    })
    expect(result.current.events).toEqual([
      { event: 'tick', data: 'a', id: '1' },
      { event: 'message', data: 'b', id: '2' },
    ])
    expect(result.current.lastEventId).toBe('2')
    expect(statuses).toEqual(['idle', 'connecting', 'streaming', 'done'])
  })

  it('asks for an event stream with the Accept header', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useEventStream('/api/events', { fetch: server.fetch }))
    await settle(() => void result.current.start())
    expect(server.connections[0]?.headers.get('accept')).toBe('text/event-stream')
  })

  it('ends in error on an error frame and does not reconnect', async () => {
    useFakeClock()
    const server = createFakeServer()
    const { result } = renderHook(() => useEventStream('/api/events', { fetch: server.fetch, reconnect }))
    await settle(() => void result.current.start())
    await settle(() =>
      server.connections[0]?.push('data: a\n\nevent: error\ndata: {"message":"model failed"}\n\n'),
    )
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect(result.current.status).toBe('error')
    expect(ErrorFrameError.isInstance(result.current.error)).toBe(true)
    expect(result.current.error?.message).toBe('model failed')
    expect(server.connections).toHaveLength(1)
  })

  it('reconnects after a drop with Last-Event-ID and exponential backoff, then gives up', async () => {
    useFakeClock()
    const server = createFakeServer()
    const { result } = renderHook(() => useEventStream('/api/events', { fetch: server.fetch, reconnect }))
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.push('id: 7\ndata: a\n\n'))
    const delays = await dropEachConnection(server.connections, reconnect.maxRetries + 1)
    expect(delays).toEqual([100, 200, 400])
    expect(server.connections.slice(1).map((connection) => connection.headers.get('last-event-id'))).toEqual([
      '7',
      '7',
      '7',
    ])
    expect(result.current.status).toBe('error')
    expect(NetworkError.isInstance(result.current.error)).toBe(true)
    expect(result.current.events).toHaveLength(1)
  })

  it('shows the reconnection in progress, then the events of the new connection', async () => {
    useFakeClock()
    const server = createFakeServer()
    const { result } = renderHook(() => useEventStream('/api/events', { fetch: server.fetch, reconnect }))
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.push('id: 1\ndata: a\n\n'))
    await settle(() => server.connections[0]?.drop())
    expect([result.current.status, result.current.retries]).toEqual(['connecting', 1])
    await act(async () => {
      await vi.advanceTimersByTimeAsync(100)
      await flush()
    })
    await settle(() => {
      server.connections[1]?.push('id: 2\ndata: b\n\n')
      server.connections[1]?.end()
    })
    expect(result.current.events.map((event) => event.data)).toEqual(['a', 'b'])
    expect([result.current.status, result.current.retries, result.current.lastEventId]).toEqual([
      'done',
      0,
      '2',
    ])
  })

  it('honours the server retry field as the base delay', async () => {
    useFakeClock()
    const server = createFakeServer()
    const { result } = renderHook(() => useEventStream('/api/events', { fetch: server.fetch, reconnect }))
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.push('retry: 3000\ndata: a\n\n'))
    expect(await dropEachConnection(server.connections, 2)).toEqual([3000, 6000])
  })

  it('does not reconnect after a clean end', async () => {
    useFakeClock()
    const server = createFakeServer()
    const { result } = renderHook(() => useEventStream('/api/events', { fetch: server.fetch, reconnect }))
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.end())
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect([result.current.status, server.connections.length]).toEqual(['done', 1])
  })

  it('does not reconnect after stop(), even while waiting to reconnect', async () => {
    useFakeClock()
    const server = createFakeServer()
    const { result } = renderHook(() => useEventStream('/api/events', { fetch: server.fetch, reconnect }))
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.drop())
    await settle(() => result.current.stop())
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect([result.current.status, server.connections.length]).toEqual(['aborted', 1])
  })

  it('does not reconnect after unmount', async () => {
    useFakeClock()
    const server = createFakeServer()
    const { result, unmount } = renderHook(() =>
      useEventStream('/api/events', { fetch: server.fetch, reconnect }),
    )
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.drop())
    unmount()
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect(server.connections).toHaveLength(1)
  })

  it('works under Strict Mode with autoStart: one connection, events arrive', async () => {
    const server = createFakeServer()
    const { result } = renderHook(
      () => useEventStream('/api/events', { fetch: server.fetch, autoStart: true }),
      {
        wrapper: ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>,
      },
    )
    await settle()
    await settle(() => server.connections[0]?.push('data: hi\n\n'))
    await settle(() => result.current.stop())
    expect(server.connections).toHaveLength(1)
    expect(result.current.events.map((event) => event.data)).toEqual(['hi'])
    expect(result.current.status).toBe('aborted')
  })
})
