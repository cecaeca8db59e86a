/**
 * One Redis connection as the Redis store uses it: a raw command in, the raw reply out (RESP2 or RESP3).
 * @example
 * const connection: RedisConnection = { send: (command) => client.sendCommand(command) }
 */
export interface RedisConnection {
  send(command: string[]): Promise<unknown>
}

/**
 * A connection of its own, for the blocking reads (`XREAD BLOCK`, `BLPOP`) that would stall a shared one.
 * `close()` must end it at once, rejecting a command still pending.
 * @example
 * const dedicated: RedisDedicatedConnection = { send: (command) => copy.sendCommand(command), close: () => copy.destroy() }
 */
export interface RedisDedicatedConnection extends RedisConnection {
  close(): void
}

/**
 * What `createRedisStore` needs from a Redis client, structurally, so stream-core has no runtime dependency:
 * `send` for ordinary commands on a shared connection, and `connect()` for a dedicated connection per live
 * reader and per running producer. {@link fromNodeRedis} and {@link fromIoredis} build it from the two
 * maintained clients.
 * @example
 * const client = await createClient({ url: process.env.REDIS_URL }).connect()
 * const store = createRedisStore({ redis: fromNodeRedis(client) })
 */
export interface RedisStoreClient extends RedisConnection {
  connect(): Promise<RedisDedicatedConnection>
}

/**
 * The part of a node-redis (`redis` 5 / 6) client the adapter calls.
 * @example
 * const client: NodeRedisLike = await createClient({ url: process.env.REDIS_URL }).connect()
 */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>
  duplicate(): NodeRedisLike & {
    connect(): Promise<unknown>
    destroy(): void
    on(event: 'error', listener: (error: unknown) => void): unknown
  }
}

/**
 * Adapts a connected node-redis client (`redis` 5 or 6, `createClient()`): commands go through
 * `sendCommand`, dedicated connections are `duplicate()`s, closed with `destroy()`.
 * @example
 * import { createClient } from 'redis'
 * const client = await createClient({ url: process.env.REDIS_URL }).connect()
 * const store = createRedisStore({ redis: fromNodeRedis(client) })
 */
export function fromNodeRedis(client: NodeRedisLike): RedisStoreClient {
  return {
    send: (command) => client.sendCommand(command),
    async connect() {
      const copy = client.duplicate()
      // Errors surface as rejected commands; without a listener an 'error' event would crash the process.
      copy.on('error', () => {})
      await copy.connect()
      return { send: (command) => copy.sendCommand(command), close: () => copy.destroy() }
    },
  }
}

/**
 * The part of an ioredis client the adapter calls.
 * @example
 * const client: IoredisLike = new Redis(process.env.REDIS_URL)
 */
export interface IoredisLike {
  call(command: string, ...args: string[]): Promise<unknown>
  duplicate(): IoredisLike & {
    disconnect(): void
    on(event: 'error', listener: (error: unknown) => void): unknown
  }
}

/**
 * Adapts an ioredis client: commands go through `call`, dedicated connections are `duplicate()`s (which
 * connect on their own), closed with `disconnect()`.
 * @example
 * import Redis from 'ioredis'
 * const store = createRedisStore({ redis: fromIoredis(new Redis(process.env.REDIS_URL)) })
 */
export function fromIoredis(client: IoredisLike): RedisStoreClient {
  const send = (target: IoredisLike, [command, ...args]: string[]) => target.call(command as string, ...args)
  return {
    send: (command) => send(client, command),
    async connect() {
      const copy = client.duplicate()
      copy.on('error', () => {})
      return { send: (command) => send(copy, command), close: () => copy.disconnect() }
    },
  }
}
