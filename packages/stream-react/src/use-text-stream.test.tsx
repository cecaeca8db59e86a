import { act, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useTextStream } from './use-text-stream'

afterEach(() => vi.unstubAllGlobals())

describe('useTextStream', () => {
  it('holds the body text once started', async () => {
    vi.stubGlobal('fetch', async () => new Response('hello world'))
    const { result } = renderHook(() => useTextStream('/api/stream'))
    await act(() => result.current.start())
    expect(result.current.text).toBe('hello world')
  })
})
