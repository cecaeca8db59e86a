// Public surface of @streamkit/stream-core/resume/redis: the Redis store (re-exports only; the Redis client
// is passed in, so nothing here imports one).
export type {
  IoredisLike,
  NodeRedisLike,
  RedisConnection,
  RedisDedicatedConnection,
  RedisStoreClient,
} from './redis-client'
export { fromIoredis, fromNodeRedis } from './redis-client'
export type { RedisStoreOptions } from './redis-store'
export { createRedisStore } from './redis-store'
