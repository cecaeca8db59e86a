// Public surface of @streamkit/stream-core/ai: the AI SDK adapter (re-exports only; `ai` is an optional peer
// and is never imported at runtime).
export type { AiStreamEvent, AiStreamResult, AiUsage } from './ai-events'
export { aiEvents } from './ai-events'
export type { AiStreamResponseOptions } from './ai-stream-response'
export { aiStreamResponse } from './ai-stream-response'
