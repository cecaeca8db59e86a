import { describe, expect, it, vi } from 'vitest'
import { EncodeError } from '../errors/encode-error'
import { DEFAULT_ERROR_MESSAGE } from '../errors/error-frame'
import { decodeSse } from '../formats/sse'
import type { SseEvent } from '../formats/sse-types'
import { createMemoryStore } from './memory-store'
import { createResumableStreams, type ResumableStreamsOptions } from './resumable-streams'
import { StoreLimitError } from './store-limit-error'
import { controlledSource } from './testing/controlled-source'

function setup<T = string>(options: ResumableStreamsOptions<T> = {}) {
  return createResumableStreams<T>({ onError: () => undefined, ...options })
}

/** Reads the SSE events of a response, error events included, stopping (and cancelling) after `limit`. */
async function readEvents(response: Response, limit = Number.POSITIVE_INFINITY): Promise<SseEvent[]> {
  const events: SseEvent[] = []
  if (events.length >= limit) {
    await response.body?.cancel()
    return events
  }
  for await (const event of decodeSse(response.body as ReadableStream<Uint8Array>, { errorEvent: null })) {
    events.push(event)
    if (events.length >= limit) break
  }
  return events
}

const plain = (events: SseEvent[]) => events.map(({ id, data }) => [id, data])

describe('createResumableStreams', () => {
  it('starts one producer for concurrent starts of one id', async () => {
    const streams = setup()
    const source = controlledSource<string>()
    const starts = await Promise.all(Array.from({ length: 5 }, () => streams.start('chat', source.run)))
    expect(starts.filter((start) => start.started)).toHaveLength(1)
    expect(source.calls).toBe(1)
    source.end()
    await Promise.all(starts.map((start) => start.done))
  })

  it('does not call run again for an id that already finished', async () => {
    const streams = setup()
    const source = controlledSource<string>()
    source.end()
    await (await streams.start('chat', source.run)).done
    const again = await streams.start('chat', source.run)
    expect(again.started).toBe(false)
    expect(source.calls).toBe(1)
  })

  it('streams each item as an SSE event with ids 1, 2, 3, then closes', async () => {
    const streams = setup()
    const source = controlledSource<string>()
    await streams.start('chat', source.run)
    const reading = streams.response('chat', { heartbeatMs: false }).then((response) => readEvents(response))
    for (const item of ['a', 'b', 'c']) source.push(item)
    source.end()
    expect(plain(await reading)).toEqual([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
    ])
  })

  it('sends SSE headers, and objects as JSON by default', async () => {
    const streams = setup<{ n: number }>()
    const source = controlledSource<{ n: number }>()
    await streams.start('chat', source.run)
    source.push({ n: 1 })
    source.end()
    const response = await streams.response('chat', { heartbeatMs: false })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(plain(await readEvents(response))).toEqual([['1', '{"n":1}']])
  })

  it('maps items with toSse while the id stays the event id in the store', async () => {
    const streams = setup<{ type: string }>({
      toSse: (item) => ({ event: item.type, data: item, id: 'ignored' }),
    })
    const source = controlledSource<{ type: string }>()
    await streams.start('chat', source.run)
    source.push({ type: 'text' })
    source.push({ type: 'finish' })
    source.end()
    const events = await readEvents(await streams.response('chat', { heartbeatMs: false }))
    expect(events).toEqual([
      { event: 'text', id: '1', data: '{"type":"text"}' },
      { event: 'finish', id: '2', data: '{"type":"finish"}' },
    ])
  })

  it('keeps the producer running after every reader went away', async () => {
    const streams = setup()
    const source = controlledSource<string>()
    const { done } = await streams.start('chat', source.run)
    const client = new AbortController()
    const request = new Request('http://localhost/chat', { signal: client.signal })
    const abandoned = streams.response('chat', { request, heartbeatMs: false })
    const reader = streams
      .response('chat', { heartbeatMs: false })
      .then((response) => readEvents(response, 1))
    source.push('a')
    expect(plain(await reader)).toEqual([['1', 'a']])
    const response = await abandoned
    client.abort()
    await response.body?.cancel().catch(() => {})
    expect(source.signal?.aborted).toBe(false)
    source.push('b')
    source.push('c')
    source.end()
    await done
    expect(await streams.status('chat')).toBe('finished')
    expect(plain(await readEvents(await streams.response('chat', { heartbeatMs: false })))).toEqual([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
    ])
  })

  it('resumes from Last-Event-ID with exactly the remaining events, at every cut point', async () => {
    const streams = setup()
    const items = ['t1', 't2', 't3', 't4', 't5']
    for (let cut = 0; cut <= items.length; cut++) {
      const id = `chat-${cut}`
      const source = controlledSource<string>()
      const { done } = await streams.start(id, source.run)
      const first = streams.response(id, { heartbeatMs: false }).then((response) => readEvents(response, cut))
      for (const item of items) source.push(item)
      const seen = await first
      const lastEventId = seen.at(-1)?.id ?? ''
      source.end()
      await done
      const request = new Request('http://localhost/chat', { headers: { 'Last-Event-ID': lastEventId } })
      const rest = await readEvents(await streams.response(id, { request, heartbeatMs: false }))
      expect([...seen, ...rest].map((event) => event.data)).toEqual(items)
      expect([...seen, ...rest].map((event) => event.id)).toEqual(['1', '2', '3', '4', '5'])
    }
  })

  it('resumes from the lastEventId option over the request header', async () => {
    const streams = setup()
    const source = controlledSource<string>()
    await streams.start('chat', source.run)
    for (const item of ['a', 'b', 'c']) source.push(item)
    source.end()
    const request = new Request('http://localhost/chat', { headers: { 'Last-Event-ID': '1' } })
    const events = await readEvents(
      await streams.response('chat', { request, lastEventId: 2, heartbeatMs: false }),
    )
    expect(plain(events)).toEqual([['3', 'c']])
  })

  it('stops the producer and ends every reader cleanly on stop()', async () => {
    const streams = setup()
    const source = controlledSource<string>()
    const { done } = await streams.start('chat', source.run)
    source.push('a')
    expect(plain(await readEvents(await streams.response('chat', { heartbeatMs: false }), 1))).toEqual([
      ['1', 'a'],
    ])
    const readers = [
      streams.response('chat', { heartbeatMs: false }).then((response) => readEvents(response)),
      streams.response('chat', { heartbeatMs: false }).then((response) => readEvents(response)),
    ]
    expect(await streams.stop('chat')).toBe(true)
    await done
    expect(source.signal?.aborted).toBe(true)
    expect(source.closed).toBe(true)
    for (const events of await Promise.all(readers)) expect(plain(events)).toEqual([['1', 'a']])
    expect(await streams.status('chat')).toBe('stopped')
  })

  it('reaches a producer in another instance that shares the store when stopped there', async () => {
    const store = createMemoryStore()
    const producing = setup({ store })
    const stopping = setup({ store })
    const source = controlledSource<string>()
    const { done } = await producing.start('chat', source.run)
    expect(await stopping.stop('chat')).toBe(true)
    await done
    expect(source.signal?.aborted).toBe(true)
    expect(await producing.status('chat')).toBe('stopped')
  })

  it('stores a producer failure once, masked by onError, and every reader gets the same error frame', async () => {
    const onError = vi.fn(() => ({ message: 'The model is unavailable', code: 'model' }))
    const streams = setup({ onError })
    const source = controlledSource<string>()
    const { done } = await streams.start('chat', source.run)
    source.push('a')
    const live = streams.response('chat', { heartbeatMs: false }).then((response) => readEvents(response))
    const failure = new Error('secret upstream detail')
    source.fail(failure)
    await done
    const late = await readEvents(await streams.response('chat', { heartbeatMs: false }))
    const expected = [
      { event: 'message', id: '1', data: 'a' },
      { event: 'error', id: '1', data: '{"message":"The model is unavailable","code":"model"}' },
    ]
    expect(await live).toEqual(expected)
    expect(late).toEqual(expected)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledWith(failure)
    expect(await streams.status('chat')).toBe('finished')
  })

  it('answers 500 with the masked JSON error when the stream failed before its first event', async () => {
    const streams = setup()
    const source = controlledSource<string>()
    source.fail(new Error('secret'))
    await (await streams.start('chat', source.run)).done
    const response = await streams.response('chat', { heartbeatMs: false })
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: DEFAULT_ERROR_MESSAGE })
  })

  it('fails the stream with a masked frame when an item cannot be encoded, and closes the source', async () => {
    const onError = vi.fn()
    const streams = setup<unknown>({ onError })
    const source = controlledSource<unknown>()
    const { done } = await streams.start('chat', source.run)
    source.push('ok')
    source.push(1n)
    await done
    expect(source.closed).toBe(true)
    expect(onError).toHaveBeenCalledWith(expect.any(EncodeError))
    const events = await readEvents(await streams.response('chat', { heartbeatMs: false }))
    expect(events.map((event) => event.event)).toEqual(['message', 'error'])
  })

  it('fails the stream when the store refuses an event, and closes the source', async () => {
    const onError = vi.fn()
    const streams = setup({ store: createMemoryStore({ maxEventsPerStream: 1 }), onError })
    const source = controlledSource<string>()
    const { done } = await streams.start('chat', source.run)
    source.push('a')
    source.push('b')
    await done
    expect(source.closed).toBe(true)
    expect(onError).toHaveBeenCalledWith(expect.any(StoreLimitError))
    const events = await readEvents(await streams.response('chat', { heartbeatMs: false }))
    expect(events.map((event) => event.event)).toEqual(['message', 'error'])
  })

  it('answers 404 with code unknown-stream for an id that does not exist', async () => {
    const response = await setup().response('nope')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ code: 'unknown-stream' })
  })

  it('answers 400 with code invalid-last-event-id for a cursor that is not an event id', async () => {
    const streams = setup()
    const source = controlledSource<string>()
    source.end()
    await (await streams.start('chat', source.run)).done
    const request = new Request('http://localhost/chat', { headers: { 'Last-Event-ID': 'abc' } })
    const response = await streams.response('chat', { request })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'invalid-last-event-id' })
  })

  it('reports stop() of an id that is not running as false', async () => {
    const streams = setup()
    expect(await streams.stop('nope')).toBe(false)
  })
})
