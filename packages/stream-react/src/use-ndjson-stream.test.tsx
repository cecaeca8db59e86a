import {
  ErrorFrameError,
  type InferStreamItem,
  ParseError,
  type StreamResponse,
} from '@streamkit/stream-core'
import { act, renderHook } from '@testing-library/react'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { createFakeServer, flush } from './testing/fake-server'
import { type StreamItemOf, useNdjsonStream } from './use-ndjson-stream'

async function settle(work: () => void = () => {}): Promise<void> {
  await act(async () => {
    work()
    await flush()
  })
}

interface Row {
  id: number
  name: string
}

// What a route module exports; only its type is used, as with `import type { GET } from '.../route'`.
declare function GET(request: Request): Promise<StreamResponse<Row, 'ndjson'>>

describe('useNdjsonStream', () => {
  it('collects the items in order, goes through every status', async () => {
    const server = createFakeServer()
    const statuses: string[] = []
    const { result } = renderHook(() => {
      const stream = useNdjsonStream<Row>('/api/rows', { fetch: server.fetch })
      if (statuses.at(-1) !== stream.status) statuses.push(stream.status)
      return stream
    })
    await settle(() => void result.current.start())
    await settle(() => {
      server.connections[0]?.push('{"id":1,"name":"a"}\n{"id":2,')
      server.connections[0]?.push('"name":"b"}\n')
      server.connections[0]?.end()
    })
    expect(result.current.items).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ])
    expect(statuses).toEqual(['idle', 'connecting', 'streaming', 'done'])
  })

  it('asks for NDJSON with the Accept header', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useNdjsonStream('/api/rows', { fetch: server.fetch }))
    await settle(() => void result.current.start())
    expect(server.connections[0]?.headers.get('accept')).toBe('application/x-ndjson')
  })

  it('ends in error with the message of an in-band error line, keeping the items before it', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useNdjsonStream<Row>('/api/rows', { fetch: server.fetch }))
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.push('{"id":1,"name":"a"}\n{"$error":{"message":"db down"}}\n'))
    expect(result.current.status).toBe('error')
    expect(ErrorFrameError.isInstance(result.current.error)).toBe(true)
    expect(result.current.error?.message).toBe('db down')
    expect(result.current.items).toHaveLength(1)
  })

  it('ends in error with a ParseError on a line that is not JSON', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useNdjsonStream('/api/rows', { fetch: server.fetch }))
    await settle(() => void result.current.start())
    await settle(() => server.connections[0]?.push('{broken\n'))
    expect(ParseError.isInstance(result.current.error)).toBe(true)
  })

  it('types the items from a route handler type without a cast', () => {
    expectTypeOf<StreamItemOf<typeof GET>>().toEqualTypeOf<Row>()
    expectTypeOf<StreamItemOf<Row>>().toEqualTypeOf<Row>()
    expectTypeOf<ReturnType<typeof useNdjsonStream<typeof GET>>['items']>().toEqualTypeOf<Row[]>()
    expectTypeOf<ReturnType<typeof useNdjsonStream<InferStreamItem<typeof GET>>>['items']>().toEqualTypeOf<
      Row[]
    >()
  })
})
