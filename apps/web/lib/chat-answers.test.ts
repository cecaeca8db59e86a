import { decodeSse, type SseEvent } from '@streamkit/stream-core'
import { createMemoryStore } from '@streamkit/stream-core/resume'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { answerChat, CHAT_ID_HEADER, resumeChatAnswer, stopChatAnswer } from './chat-answers'
import { type ChatStreams, createChatStreams } from './chat-streams'
import { LocalModel, type LocalStreamOutcome, localAnswer } from './local-model'

afterEach(() => {
  vi.restoreAllMocks()
})

const ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427'
const MESSAGES = [{ role: 'user' as const, content: 'hello' }]
const ANSWER = localAnswer([{ role: 'user', content: [{ type: 'text', text: 'hello' }] }])

/** A fast local model that counts its calls and how each ended. */
function countingModel(delayMs = 0) {
  const outcomes: LocalStreamOutcome[] = []
  let calls = 0
  const model = new LocalModel({
    tokenDelayMs: { min: delayMs, max: delayMs },
    onStream: () => {
      calls++
      return (outcome) => outcomes.push(outcome)
    },
  })
  return { model, outcomes, calls: () => calls }
}

function post(headers: HeadersInit = {}, signal?: AbortSignal): Request {
  return new Request('http://localhost/api/chat', { method: 'POST', headers, signal: signal ?? null })
}

function get(query = '', headers: HeadersInit = {}): Request {
  return new Request(`http://localhost/api/chat/${ID}${query}`, { headers })
}

async function readEvents(response: Response): Promise<SseEvent[]> {
  const events: SseEvent[] = []
  if (!response.body) return events
  for await (const event of decodeSse(response.body)) events.push(event)
  return events
}

function textOf(events: SseEvent[]): string {
  return events
    .filter((event) => event.event === 'text')
    .map((event) => (JSON.parse(event.data) as { delta: string }).delta)
    .join('')
}

/** Starts the answer, reads it to its end, and returns its events. */
async function answered(streams: ChatStreams, model: LocalModel): Promise<SseEvent[]> {
  return readEvents(await answerChat(post(), { id: ID, messages: MESSAGES }, { streams, model }))
}

describe('answerChat', () => {
  it('streams the whole answer as text events with ids 1..n, then finish, naming the answer', async () => {
    const { model } = countingModel()
    const response = await answerChat(
      post(),
      { id: ID, messages: MESSAGES },
      { streams: createChatStreams(createMemoryStore()), model },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get(CHAT_ID_HEADER)).toBe(ID)
    const events = await readEvents(response)
    expect(textOf(events)).toBe(ANSWER)
    expect(events.at(-1)?.event).toBe('finish')
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => String(index + 1)))
  })

  it('does not call the model again for a second POST of the same id', async () => {
    const { model, calls } = countingModel()
    const streams = createChatStreams(createMemoryStore())
    const first = await answered(streams, model)
    const second = await answered(streams, model)
    expect(second).toEqual(first)
    expect(calls()).toBe(1)
  })

  it('answers a POST with Last-Event-ID with exactly the events after it', async () => {
    const { model, calls } = countingModel()
    const streams = createChatStreams(createMemoryStore())
    const all = await answered(streams, model)
    const rest = await readEvents(
      await answerChat(post({ 'Last-Event-ID': '5' }), { id: ID, messages: MESSAGES }, { streams, model }),
    )
    expect(rest).toEqual(all.slice(5))
    expect(calls()).toBe(1)
  })

  it('only reads on a POST with Last-Event-ID: an unknown answer is a 404, not a model call', async () => {
    const { model, calls } = countingModel()
    const response = await answerChat(
      post({ 'Last-Event-ID': '3' }),
      { id: ID, messages: MESSAGES },
      { streams: createChatStreams(createMemoryStore()), model },
    )
    expect(response.status).toBe(404)
    expect(calls()).toBe(0)
  })

  it('starts nothing for a request whose client is already gone', async () => {
    const { model, calls } = countingModel()
    const response = await answerChat(
      post({}, AbortSignal.abort()),
      { id: ID, messages: MESSAGES },
      { streams: createChatStreams(createMemoryStore()), model },
    )
    expect(response.status).toBe(404)
    expect(calls()).toBe(0)
  })

  it('keeps generating after the client disconnects, so a reconnect gets the whole answer', async () => {
    const { model, outcomes } = countingModel(1)
    const streams = createChatStreams(createMemoryStore())
    const client = new AbortController()
    const response = await answerChat(
      post({}, client.signal),
      { id: ID, messages: MESSAGES },
      { streams, model },
    )
    client.abort()
    // The aborted response body errors with the abort reason, as a disconnected one would.
    await response.body?.cancel().catch((reason: unknown) => expect(reason).toBeInstanceOf(DOMException))
    const events = await readEvents(await resumeChatAnswer(get(), ID, streams))
    expect(textOf(events)).toBe(ANSWER)
    expect(outcomes).toEqual(['finished'])
  })

  it('hands the producer to keepAlive when it starts one, and only then', async () => {
    const { model } = countingModel()
    const streams = createChatStreams(createMemoryStore())
    const keepAlive = vi.fn()
    await readEvents(await answerChat(post(), { id: ID, messages: MESSAGES }, { streams, model, keepAlive }))
    await readEvents(await answerChat(post(), { id: ID, messages: MESSAGES }, { streams, model, keepAlive }))
    expect(keepAlive).toHaveBeenCalledTimes(1)
    await expect(keepAlive.mock.calls[0]?.[0]).resolves.toBeUndefined()
  })

  it('answers 503 when the store is full', async () => {
    const { model } = countingModel(5)
    const streams = createChatStreams(createMemoryStore({ maxStreams: 1 }))
    await streams.start('other', async function* () {
      await new Promise(() => {})
    })
    const response = await answerChat(post(), { id: ID, messages: MESSAGES }, { streams, model })
    expect(response.status).toBe(503)
  })

  it('answers 503, not 500, when the store cannot be reached', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { model } = countingModel()
    const response = await answerChat(
      post(),
      { id: ID, messages: MESSAGES },
      { streams: Promise.reject(new Error('ECONNREFUSED')), model },
    )
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({
      error: 'The answer store is unavailable. Please try again shortly.',
    })
  })
})

describe('resumeChatAnswer', () => {
  it('replays the events after ?cursor=N', async () => {
    const { model } = countingModel()
    const streams = createChatStreams(createMemoryStore())
    const all = await answered(streams, model)
    expect(await readEvents(await resumeChatAnswer(get('?cursor=7'), ID, streams))).toEqual(all.slice(7))
  })

  it('replays the events after Last-Event-ID', async () => {
    const { model } = countingModel()
    const streams = createChatStreams(createMemoryStore())
    const all = await answered(streams, model)
    const events = await readEvents(await resumeChatAnswer(get('', { 'Last-Event-ID': '2' }), ID, streams))
    expect(events).toEqual(all.slice(2))
  })

  it('answers 404 for an unknown answer', async () => {
    const response = await resumeChatAnswer(get(), ID, createChatStreams(createMemoryStore()))
    expect(response.status).toBe(404)
  })

  it('answers 400 for a cursor that is not an event id', async () => {
    const { model } = countingModel()
    const streams = createChatStreams(createMemoryStore())
    await answered(streams, model)
    expect((await resumeChatAnswer(get('?cursor=-1'), ID, streams)).status).toBe(400)
    expect((await resumeChatAnswer(get('', { 'Last-Event-ID': 'abc' }), ID, streams)).status).toBe(400)
  })
})

describe('stopChatAnswer', () => {
  it('stops the model of a running answer, and every reader ends cleanly', async () => {
    const { model, outcomes } = countingModel(20)
    const streams = createChatStreams(createMemoryStore())
    const response = await answerChat(post(), { id: ID, messages: MESSAGES }, { streams, model })
    const stopped = await stopChatAnswer(ID, streams)
    expect(await stopped.json()).toEqual({ stopped: true, status: 'stopped' })
    const events = await readEvents(response)
    expect(events.some((event) => event.event === 'finish' || event.event === 'error')).toBe(false)
    await vi.waitFor(() => expect(outcomes).toEqual(['aborted']))
  })

  it('says an answer that already ended was not stopped, and how it ended', async () => {
    const { model } = countingModel()
    const streams = createChatStreams(createMemoryStore())
    await answered(streams, model)
    const response = await stopChatAnswer(ID, streams)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ stopped: false, status: 'finished' })
  })

  it('answers 404 for an unknown answer', async () => {
    expect((await stopChatAnswer(ID, createChatStreams(createMemoryStore()))).status).toBe(404)
  })
})
