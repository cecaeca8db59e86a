import { describe, expect, it } from 'vitest'
import { EncodeError } from '../errors/encode-error'
import { buildRequestInit, mergeStreamRequests } from './stream-request'

const signal = new AbortController().signal

describe('buildRequestInit', () => {
  it('sends a plain object body as JSON with a JSON content type and POST', () => {
    const init = buildRequestInit({ body: { prompt: 'hi' } }, 'text', signal, '')
    expect(init.body).toBe('{"prompt":"hi"}')
    expect(new Headers(init.headers).get('content-type')).toBe('application/json')
    expect(init.method).toBe('POST')
  })

  it('throws an EncodeError for a body JSON cannot encode', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => buildRequestInit({ body: cyclic }, 'text', signal, '')).toThrow(EncodeError)
  })

  it('sends an array body as JSON', () => {
    expect(buildRequestInit({ body: [1, 2] }, 'text', signal, '').body).toBe('[1,2]')
  })

  it('keeps a content type the caller set', () => {
    const init = buildRequestInit(
      { body: { a: 1 }, headers: { 'content-type': 'application/vnd.x+json' } },
      'text',
      signal,
      '',
    )
    expect(new Headers(init.headers).get('content-type')).toBe('application/vnd.x+json')
  })

  it('passes a string or FormData body through untouched', () => {
    const form = new FormData()
    expect(buildRequestInit({ body: 'raw' }, 'text', signal, '').body).toBe('raw')
    expect(buildRequestInit({ body: form }, 'text', signal, '').body).toBe(form)
  })

  it('uses GET without a body and the given method otherwise', () => {
    expect(buildRequestInit({}, 'text', signal, '').method).toBe('GET')
    expect(buildRequestInit({ method: 'PUT', body: 'x' }, 'text', signal, '').method).toBe('PUT')
  })

  it('asks for the wire format with Accept', () => {
    const accept = (format: 'text' | 'ndjson' | 'sse') =>
      new Headers(buildRequestInit({}, format, signal, '').headers).get('accept')
    expect([accept('text'), accept('ndjson'), accept('sse')]).toEqual([
      null,
      'application/x-ndjson',
      'text/event-stream',
    ])
  })

  it('sends Last-Event-ID for SSE only when there is one', () => {
    const header = (id: string) =>
      new Headers(buildRequestInit({}, 'sse', signal, id).headers).get('last-event-id')
    expect([header('41'), header('')]).toEqual(['41', null])
  })

  it('passes the abort signal', () => {
    expect(buildRequestInit({}, 'text', signal, '').signal).toBe(signal)
  })
})

describe('mergeStreamRequests', () => {
  it('lets per-call values win and merges headers', () => {
    const merged = mergeStreamRequests(
      { url: '/a', headers: { a: '1', b: '1' }, body: { x: 1 } },
      { url: '/b', headers: { b: '2' }, body: undefined },
    )
    expect(merged.url).toBe('/b')
    expect(merged.body).toEqual({ x: 1 })
    expect(Object.fromEntries(new Headers(merged.headers))).toEqual({ a: '1', b: '2' })
  })
})
