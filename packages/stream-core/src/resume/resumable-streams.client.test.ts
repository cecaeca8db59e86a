import { describe, expect, it } from 'vitest'
import { createStreamSession } from '../client/stream-session'
import { createResumableStreams } from './resumable-streams'
import { controlledSource } from './testing/controlled-source'

// The whole loop: stream-core's own client, a route built on `start` + `response`, and a connection that
// drops after every possible byte of the first response.
describe('resumable streams with the stream-core client', () => {
  const items = ['Hel', 'lo, ', 'wörld ', '😀', '!']

  async function fullBody(): Promise<string> {
    const streams = createResumableStreams<string>()
    const source = controlledSource<string>()
    for (const item of items) source.push(item)
    source.end()
    await (await streams.start('probe', source.run)).done
    return (await streams.response('probe', { heartbeatMs: false })).text()
  }

  it('gets every event exactly once, with one producer, whatever byte the first connection drops after', async () => {
    const bodyLength = new TextEncoder().encode(await fullBody()).length
    for (let cut = 0; cut < bodyLength; cut++) {
      const streams = createResumableStreams<string>()
      const source = controlledSource<string>()
      for (const item of items) source.push(item)
      source.end()
      let connections = 0

      // The route: start unless this is a reconnect, then answer from the store.
      const fetch = async (_input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
        const request = new Request('http://localhost/api/chat', { ...init, method: 'POST' })
        if (!request.headers.has('last-event-id')) await streams.start('chat', source.run)
        const response = await streams.response('chat', { request, heartbeatMs: false })
        connections += 1
        return connections === 1 ? dropAfter(response, cut) : response
      }

      const session = createStreamSession({
        url: '/api/chat',
        format: 'sse',
        fetch: fetch as typeof globalThis.fetch,
        reconnect: { maxRetries: 2, initialDelayMs: 0, jitter: 'none' },
      })
      const final = await session.start({ body: { prompt: 'hi' } })
      expect(final.status).toBe('done')
      expect(final.value.map((event) => event.data)).toEqual(items)
      expect(final.value.map((event) => event.id)).toEqual(['1', '2', '3', '4', '5'])
      expect(source.calls).toBe(1)
      expect(connections).toBe(2)
    }
  })
})

/** The response's first `bytes` bytes, then a network failure, as when a phone changes networks. */
function dropAfter(response: Response, bytes: number): Response {
  const body = response.arrayBuffer()
  let sent = false
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent) {
        controller.error(new TypeError('network connection lost'))
        return
      }
      sent = true
      const head = new Uint8Array(await body).slice(0, bytes)
      if (head.length > 0) controller.enqueue(head)
      else controller.error(new TypeError('network connection lost'))
    },
  })
  return new Response(stream, { status: response.status, headers: response.headers })
}
