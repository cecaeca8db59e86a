import { type APIResponse, expect, test } from '@playwright/test'
import { decodeSse, type SseEvent } from '@streamkit/stream-core'

const UNKNOWN_ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427'
const hello = (id?: string) => ({ ...(id ? { id } : {}), messages: [{ role: 'user', content: 'hello' }] })

// Through Playwright's request context (each response read whole), not the global fetch: an earlier spec leaves
// a socket in fetch's keep-alive pool that the server then resets.
async function eventsOf(response: APIResponse): Promise<SseEvent[]> {
  expect(response.status()).toBe(200)
  const body = await response.body()
  const events: SseEvent[] = []
  for await (const event of decodeSse(
    (async function* () {
      yield new Uint8Array(body)
    })(),
  ))
    events.push(event)
  return events
}

test('POST /api/chat names the answer it started in X-Chat-Id when the client sent no id', async ({
  request,
}) => {
  const response = await request.post('/api/chat', { data: hello() })
  expect(response.status()).toBe(200)
  expect(response.headers()['x-chat-id']).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  )
  await response.body()
})

test('GET /api/chat/[id] replays a finished answer, and ?cursor= the events after it', async ({
  request,
}) => {
  const id = crypto.randomUUID()
  const posted = await eventsOf(await request.post('/api/chat', { data: hello(id) }))
  expect(posted.at(-1)?.event).toBe('finish')
  expect(await eventsOf(await request.get(`/api/chat/${id}`))).toEqual(posted)
  expect(await eventsOf(await request.get(`/api/chat/${id}?cursor=4`))).toEqual(posted.slice(4))
  const afterHeader = await request.get(`/api/chat/${id}`, { headers: { 'Last-Event-ID': '9' } })
  expect(await eventsOf(afterHeader)).toEqual(posted.slice(9))
})

test('POST /api/chat with an id that is not a UUID gets 400 naming the field', async ({ request }) => {
  const response = await request.post('/api/chat', { data: hello('not-a-uuid') })
  expect(response.status()).toBe(400)
  const body = (await response.json()) as { issues: Array<{ path: string }> }
  expect(body.issues.map((issue) => issue.path)).toEqual(['id'])
})

test('GET /api/chat/[id] gets 400 for an id that is not a UUID, 404 for an unknown one', async ({
  request,
}) => {
  expect((await request.get('/api/chat/not-a-uuid')).status()).toBe(400)
  const unknown = await request.get(`/api/chat/${UNKNOWN_ID}`)
  expect(unknown.status()).toBe(404)
  expect(await unknown.json()).toHaveProperty('error')
})

test('GET /api/chat/[id] gets 400 for a Last-Event-ID or cursor that is not an event id', async ({
  request,
}) => {
  const byHeader = await request.get(`/api/chat/${UNKNOWN_ID}`, { headers: { 'Last-Event-ID': 'abc' } })
  expect(byHeader.status()).toBe(400)
  expect((await request.get(`/api/chat/${UNKNOWN_ID}?cursor=-3`)).status()).toBe(400)
})

test('POST /api/chat/[id]/stop gets 400 for a bad id and 404 for an unknown one', async ({ request }) => {
  expect((await request.post('/api/chat/not-a-uuid/stop')).status()).toBe(400)
  expect((await request.post(`/api/chat/${UNKNOWN_ID}/stop`)).status()).toBe(404)
})

test('POST /api/chat/[id]/stop of a finished answer says it was not stopped', async ({ request }) => {
  const id = crypto.randomUUID()
  await (await request.post('/api/chat', { data: hello(id) })).body()
  const response = await request.post(`/api/chat/${id}/stop`)
  expect(response.status()).toBe(200)
  expect(await response.json()).toEqual({ stopped: false, status: 'finished' })
})

test('other methods on the answer routes get 405 with the right Allow header', async ({ request }) => {
  const put = await request.put(`/api/chat/${UNKNOWN_ID}`, { data: {} })
  expect(put.status()).toBe(405)
  expect(put.headers().allow).toBe('GET')
  const getStop = await request.get(`/api/chat/${UNKNOWN_ID}/stop`)
  expect(getStop.status()).toBe(405)
  expect(getStop.headers().allow).toBe('POST')
})
