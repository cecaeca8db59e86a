import type { ErrorFrame } from '../../errors/error-frame'
import { errorFrameFrom } from '../../formats/error-frame-from'
import type {
  ResumableStore,
  ResumableStreamStatus,
  StoredRecord,
  StoreReadOptions,
  StreamWriter,
} from '../resumable-store'
import { StoreLimitError } from '../store-limit-error'
import { UnknownStreamError } from '../unknown-stream-error'
import type { RedisDedicatedConnection, RedisStoreClient } from './redis-client'
import { APPEND, CREATE, FINISH, RENEW, STOP } from './redis-scripts'

/**
 * Options of {@link createRedisStore}.
 * @example
 * const options: RedisStoreOptions = { redis: fromNodeRedis(client), keyPrefix: 'chat:', ttlMs: 10 * 60_000 }
 */
export interface RedisStoreOptions {
  /** The client, adapted with `fromNodeRedis` or `fromIoredis` (or any {@link RedisStoreClient}). */
  redis: RedisStoreClient
  /** Prefix of every key. Default `'streamkit:resume:'`. */
  keyPrefix?: string
  /** How long an ended stream stays readable, in milliseconds. Default 1 hour. */
  ttlMs?: number
  /**
   * A running stream whose producer stops renewing it (its process died) becomes `'unknown'` after this many
   * milliseconds, and its readers fail instead of waiting forever. The producer renews it on every append and
   * every `leaseMs / 3` while idle. Default 30 seconds.
   */
  leaseMs?: number
  /** Events per stream; one more fails the producer with a `StoreLimitError` (`'events'`). Default 10 000. */
  maxEventsPerStream?: number
  /** UTF-8 bytes of event data per stream; more fails the producer (`'bytes'`). Default 4 MiB. */
  maxBytesPerStream?: number
  /**
   * How long a live reader blocks in `XREAD` before it checks that the stream still exists (a lost producer).
   * New events wake it at once whatever this is. Default 10 seconds.
   */
  blockMs?: number
}

const BATCH = '512'

/**
 * A {@link ResumableStore} on Redis, for several instances: any instance can create, append, stop and read
 * any stream, and a reconnect can land anywhere.
 *
 * Design: per stream, a meta hash (status, owner, last id), a Redis Stream of events with explicit ids
 * `0-<n>` (so the event id is `n`, strictly increasing, enforced by `XADD`), and a stop list. Create, append,
 * finish and stop are Lua scripts, so each is atomic: one creator wins, nothing is appended after a stop, and
 * a producer that lost its lease cannot write into a stream recreated under the same id. Readers replay with
 * `XREAD` on the shared connection, then follow with `XREAD BLOCK` on a dedicated one; a producer waits for a
 * stop with `BLPOP` on a dedicated one. Ended streams expire after `ttlMs`; a running one after `leaseMs`
 * without its producer. The keys of one stream share a `{streamId}` hash tag (one Cluster slot).
 *
 * Connections: the shared one, plus one per live reader and one per running producer in this process.
 * Needs Redis 6 or later; tested on Redis 7.0 with node-redis 6 (RESP3) and ioredis 6 (RESP2).
 * @example
 * import { createClient } from 'redis'
 * import { createResumableStreams } from '@streamkit/stream-core/resume'
 * import { createRedisStore, fromNodeRedis } from '@streamkit/stream-core/resume/redis'
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect()
 * const streams = createResumableStreams({ store: createRedisStore({ redis: fromNodeRedis(client) }) })
 */
export function createRedisStore(options: RedisStoreOptions): ResumableStore {
  const { redis } = options
  const prefix = options.keyPrefix ?? 'streamkit:resume:'
  const ttlMs = String(options.ttlMs ?? 60 * 60_000)
  const leaseMs = options.leaseMs ?? 30_000
  const blockMs = String(options.blockMs ?? 10_000)
  const maxEvents = String(options.maxEventsPerStream ?? 10_000)
  const maxBytes = String(options.maxBytesPerStream ?? 4 * 1024 * 1024)
  const renewSeconds = String(Math.max(leaseMs / 3, 1) / 1000)

  function keys(streamId: string): [string, string, string] {
    const base = `${prefix}{${streamId}}`
    return [`${base}:meta`, `${base}:events`, `${base}:stop`]
  }

  function run(script: string, streamId: string, args: string[]): Promise<unknown> {
    return redis.send(['EVAL', script, '3', ...keys(streamId), ...args])
  }

  async function status(streamId: string): Promise<ResumableStreamStatus> {
    const value = await redis.send(['HGET', keys(streamId)[0], 'status'])
    return value === 'running' || value === 'finished' || value === 'stopped' ? value : 'unknown'
  }

  function writer(streamId: string, owner: string): StreamWriter {
    return {
      async append(data) {
        const id = Number(await run(APPEND, streamId, [owner, data, String(leaseMs), maxEvents, maxBytes]))
        if (id === -1) {
          throw new StoreLimitError('events', `A resumable stream may hold at most ${maxEvents} events`)
        }
        if (id === -2) {
          throw new StoreLimitError(
            'bytes',
            `A resumable stream may hold at most ${maxBytes} bytes of events`,
          )
        }
        return id > 0 ? id : undefined
      },

      async finish(error?: ErrorFrame) {
        const frame = error ? JSON.stringify(errorFrameFrom(error)) : ''
        return Number(await run(FINISH, streamId, [owner, frame, ttlMs])) === 1
      },

      async waitForStop(signal) {
        const stopKey = keys(streamId)[2]
        let connection: RedisDedicatedConnection | undefined
        const close = () => connection?.close()
        signal.addEventListener('abort', close, { once: true })
        try {
          for (;;) {
            const where = await run(RENEW, streamId, [owner, String(leaseMs)])
            if (where !== 'running' || signal.aborted) return where === 'stopped' && !signal.aborted
            connection ??= await redis.connect()
            if (signal.aborted) return false
            const popped = await connection.send(['BLPOP', stopKey, renewSeconds])
            if (popped !== null && popped !== undefined) return true
          }
        } catch (error) {
          if (signal.aborted) return false
          throw error
        } finally {
          signal.removeEventListener('abort', close)
          close()
        }
      },
    }
  }

  async function* read(streamId: string, { after, signal }: StoreReadOptions): AsyncGenerator<StoredRecord> {
    if ((await status(streamId)) === 'unknown') throw new UnknownStreamError(streamId)
    const eventsKey = keys(streamId)[1]
    let position = `0-${Math.max(0, Math.floor(after))}`
    let connection: RedisDedicatedConnection | undefined
    const close = () => connection?.close()
    signal?.addEventListener('abort', close, { once: true })
    try {
      for (;;) {
        if (signal?.aborted) return
        let reply: unknown
        try {
          // Replay on the shared connection; block only once caught up, on a connection of our own.
          if (!connection) reply = await redis.send(['XREAD', 'COUNT', BATCH, 'STREAMS', eventsKey, position])
          else
            reply = await connection.send([
              'XREAD',
              'COUNT',
              BATCH,
              'BLOCK',
              blockMs,
              'STREAMS',
              eventsKey,
              position,
            ])
        } catch (error) {
          if (signal?.aborted) return
          throw error
        }
        const entries = streamEntries(reply)
        if (entries.length === 0) {
          if (connection && (await status(streamId)) === 'unknown') throw new UnknownStreamError(streamId)
          connection ??= await redis.connect()
          continue
        }
        for (const [entryId, fields] of entries) {
          position = entryId
          const record = toRecord(entryId, fields)
          yield record
          if (record.type === 'end') return
        }
      }
    } finally {
      signal?.removeEventListener('abort', close)
      close()
    }
  }

  return {
    async create(streamId) {
      const owner = crypto.randomUUID()
      const created = Number(await run(CREATE, streamId, [owner, String(leaseMs)])) === 1
      return created ? writer(streamId, owner) : undefined
    },

    async stop(streamId) {
      return Number(await run(STOP, streamId, [ttlMs])) === 1
    },

    status,
    read,
  }
}

type StreamEntry = [id: string, fields: string[]]

/**
 * The entries of the one stream an `XREAD` asked for, whatever shape the client hands back: RESP2
 * `[[key, entries]]`, the same pair unwrapped (`[key, entries]`, as ioredis 6 returns it), or a RESP3 map
 * (a `Map` or a plain object); `null` when there are none.
 */
function streamEntries(reply: unknown): StreamEntry[] {
  if (reply === null || reply === undefined) return []
  let entries: unknown
  if (Array.isArray(reply))
    entries = typeof reply[0] === 'string' ? reply[1] : (reply[0] as unknown[] | undefined)?.[1]
  else if (reply instanceof Map) entries = reply.values().next().value
  else if (typeof reply === 'object') entries = Object.values(reply)[0]
  return Array.isArray(entries) ? (entries as StreamEntry[]) : []
}

function toRecord(entryId: string, fields: string[]): StoredRecord {
  if (fields[0] === 'data') {
    return { type: 'event', id: Number(entryId.slice(entryId.indexOf('-') + 1)), data: String(fields[1]) }
  }
  const status = fields[1] === 'stopped' ? 'stopped' : 'finished'
  const error = fields[3]
  return error ? { type: 'end', status, error: errorFrameFrom(JSON.parse(error)) } : { type: 'end', status }
}
