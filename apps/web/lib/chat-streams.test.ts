import type { AiStreamEvent } from '@streamkit/stream-core/ai'
import { createMemoryStore } from '@streamkit/stream-core/resume'
import type { NodeRedisLike } from '@streamkit/stream-core/resume/redis'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CHAT_ERROR_MESSAGE, createChatStore, createChatStreams } from './chat-streams'

afterEach(() => {
  vi.restoreAllMocks()
})

/** A node-redis stand-in that records commands and answers every one with `null` ("no such key"). */
function recordingRedis(): { client: NodeRedisLike; commands: string[][] } {
  const commands: string[][] = []
  const client: NodeRedisLike = {
    sendCommand: async (args) => {
      commands.push(args)
      return null
    },
    duplicate: () => {
      throw new Error('not used by these tests')
    },
  }
  return { client, commands }
}

async function* events(...items: AiStreamEvent[]): AsyncGenerator<AiStreamEvent> {
  yield* items
}

describe('createChatStore', () => {
  it('keeps answers in memory, connecting to nothing, when REDIS_URL is unset or empty', async () => {
    const connect = vi.fn(async () => recordingRedis().client)
    for (const url of [undefined, '']) {
      const store = await createChatStore(url, connect)
      expect(await store.create('a')).toBeDefined()
      expect(await store.status('a')).toBe('running')
    }
    expect(connect).not.toHaveBeenCalled()
  })

  it('uses Redis at REDIS_URL, under this app key prefix, when it is set', async () => {
    const { client, commands } = recordingRedis()
    const connect = vi.fn(async () => client)
    const store = await createChatStore('redis://127.0.0.1:6390', connect)
    expect(connect).toHaveBeenCalledWith('redis://127.0.0.1:6390')
    expect(await store.status('answer-1')).toBe('unknown')
    expect(commands).toContainEqual(['HGET', 'streamkit:web:chat:{answer-1}:meta', 'status'])
  })
})

describe('createChatStreams', () => {
  it('sends each event as `event: <type>` with the event as JSON and an id', async () => {
    const streams = createChatStreams(createMemoryStore())
    await streams.start('a', () =>
      events({ type: 'text', delta: 'Hi' }, { type: 'finish', finishReason: 'stop' }),
    )
    const body = await (await streams.response('a')).text()
    expect(body).toContain('event: text\nid: 1\ndata: {"type":"text","delta":"Hi"}\n\n')
    expect(body).toContain('event: finish\nid: 2\ndata: {"type":"finish","finishReason":"stop"}\n\n')
  })

  it('gives every reader of a failed answer the same masked message, and logs the cause', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const streams = createChatStreams(createMemoryStore())
    await streams.start('a', async function* () {
      yield { type: 'text', delta: 'Hi' } satisfies AiStreamEvent
      throw new Error('provider secret detail')
    })
    const body = await (await streams.response('a')).text()
    expect(body).toContain(`event: error\ndata: {"message":"${CHAT_ERROR_MESSAGE}"}`)
    expect(body).not.toContain('secret')
    expect(String(log.mock.calls[0]?.[1])).toContain('provider secret detail')
  })
})
