// Public surface of @streamkit/stream-core/resume: resumable streams and the in-memory store (re-exports
// only). The Redis store is at @streamkit/stream-core/resume/redis.
export type { MemoryStoreOptions } from './memory-store'
export { createMemoryStore } from './memory-store'
export type {
  ResumableStore,
  ResumableStreamStatus,
  StoredEnd,
  StoredEvent,
  StoredRecord,
  StoreReadOptions,
  StreamWriter,
} from './resumable-store'
export type {
  ResumableResponseOptions,
  ResumableStart,
  ResumableStreams,
  ResumableStreamsOptions,
} from './resumable-streams'
export { createResumableStreams } from './resumable-streams'
export type { StoreLimit } from './store-limit-error'
export { StoreLimitError } from './store-limit-error'
export { UnknownStreamError } from './unknown-stream-error'
