import 'server-only'
import type { AiStreamEvent } from '@streamkit/stream-core/ai'
import {
  createMemoryStore,
  createResumableStreams,
  type ResumableStore,
  type ResumableStreams,
} from '@streamkit/stream-core/resume'
import { createRedisStore, fromNodeRedis, type NodeRedisLike } from '@streamkit/stream-core/resume/redis'
import { createClient } from 'redis'

/** The chat's resumable answers: AI SDK events, stored under the answer id. */
export type ChatStreams = ResumableStreams<AiStreamEvent>

/** What every reader of a failed answer sees (the raw error is logged on the server only). */
export const CHAT_ERROR_MESSAGE = 'The model failed while answering. Please try again.'

/** Keys of this app's answers in a Redis shared with other software. */
const REDIS_KEY_PREFIX = 'streamkit:web:chat:'

/**
 * Connects a node-redis client to `url`. The client reconnects on its own; its errors are logged (without a
 * listener, an 'error' event would crash the server) and surface as failed commands.
 */
export async function connectRedis(url: string): Promise<NodeRedisLike> {
  const client = createClient({ url, socket: { connectTimeout: 5_000 } })
  client.on('error', (error: unknown) => console.error('[chat] Redis client error:', error))
  await client.connect()
  return client
}

/**
 * The store of chat answers: Redis when `redisUrl` is set (several instances share the answers, which outlive
 * any one process), else the in-memory store (one process, zero setup).
 * @example
 * const store = await createChatStore(process.env.REDIS_URL)
 */
export async function createChatStore(
  redisUrl: string | undefined,
  connect: (url: string) => Promise<NodeRedisLike> = connectRedis,
): Promise<ResumableStore> {
  if (!redisUrl) return createMemoryStore()
  return createRedisStore({ redis: fromNodeRedis(await connect(redisUrl)), keyPrefix: REDIS_KEY_PREFIX })
}

/**
 * Resumable chat answers over `store`, with the SSE events /api/chat has always sent: `event: <type>` and the
 * event as JSON (plus an `id:` per event, which is what makes them resumable).
 * @example
 * const streams = createChatStreams(createMemoryStore())
 */
export function createChatStreams(store: ResumableStore): ChatStreams {
  return createResumableStreams<AiStreamEvent>({
    store,
    toSse: (event) => ({ event: event.type, data: event }),
    onError: reportChatError,
  })
}

function reportChatError(error: unknown): string {
  console.error('[api/chat] the model failed mid-answer:', error)
  return CHAT_ERROR_MESSAGE
}

// Route handlers are bundled separately, so module state is not shared between /api/chat and
// /api/chat/[id]: keep the one instance of this process on globalThis, which all Node-runtime routes share.
const STREAMS_KEY = Symbol.for('streamkit.web.chat-streams')

/**
 * This process's chat answers, created on first use from `REDIS_URL` and then shared by every chat route. A
 * failed Redis connection is not remembered: the next request tries again.
 * @example
 * const streams = await chatStreams()
 */
export function chatStreams(): Promise<ChatStreams> {
  const holder = globalThis as { [STREAMS_KEY]?: Promise<ChatStreams> }
  const existing = holder[STREAMS_KEY]
  if (existing) return existing
  const created = createChatStore(process.env.REDIS_URL).then(createChatStreams)
  holder[STREAMS_KEY] = created
  created.catch(() => {
    if (holder[STREAMS_KEY] === created) delete holder[STREAMS_KEY]
  })
  return created
}
