import { NetworkError } from '@streamkit/stream-core'
import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createFakeServer, flush } from './testing/fake-server'
import { useTextStream } from './use-text-stream'

async function settle(work: () => void = () => {}): Promise<void> {
  await act(async () => {
    work()
    await flush()
  })
}

describe('useTextStream', () => {
  it('holds the body text once the stream is done', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useTextStream('/api/stream', { fetch: server.fetch }))
    await settle(() => void result.current.start())
    await settle(() => {
      server.connections[0]?.push('hello ')
      server.connections[0]?.push('world')
      server.connections[0]?.end()
    })
    expect([result.current.status, result.current.text]).toEqual(['done', 'hello world'])
  })

  it('keeps 2-, 3- and 4-byte characters split across chunks intact', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useTextStream('/api/stream', { fetch: server.fetch }))
    await settle(() => void result.current.start())
    const bytes = new TextEncoder().encode('ñ€😀 日本')
    await settle(() => {
      for (const byte of bytes) server.connections[0]?.push(Uint8Array.of(byte))
      server.connections[0]?.end()
    })
    expect(result.current.text).toBe('ñ€😀 日本')
  })

  it('reports a body that fails mid-stream as a NetworkError, keeping the text so far', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useTextStream('/api/stream', { fetch: server.fetch }))
    await settle(() => void result.current.start())
    await settle(() => {
      server.connections[0]?.push('half')
      server.connections[0]?.drop()
    })
    expect(result.current.status).toBe('error')
    expect(NetworkError.isInstance(result.current.error)).toBe(true)
    expect(result.current.text).toBe('half')
  })

  it('posts the body given in the options as JSON', async () => {
    const server = createFakeServer()
    const { result } = renderHook(() => useTextStream('/api/stream', { fetch: server.fetch, body: { q: 1 } }))
    await settle(() => void result.current.start())
    expect([server.connections[0]?.init.method, server.connections[0]?.init.body]).toEqual([
      'POST',
      '{"q":1}',
    ])
  })
})
