// Public surface of @streamkit/stream-react: re-exports only. The build adds 'use client' to the bundle.
export type {
  UseEventStreamOptions,
  UseEventStreamResult,
} from './use-event-stream'
export { useEventStream } from './use-event-stream'
export type { StreamItemOf, UseNdjsonStreamOptions, UseNdjsonStreamResult } from './use-ndjson-stream'
export { useNdjsonStream } from './use-ndjson-stream'
export type { StreamHookOptions, UseStreamOptions, UseStreamResult } from './use-stream'
export { useStream } from './use-stream'
export type { UseTextStreamOptions, UseTextStreamResult } from './use-text-stream'
export { useTextStream } from './use-text-stream'
