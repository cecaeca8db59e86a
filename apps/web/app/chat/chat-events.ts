import type { SseEvent } from '@streamkit/stream-core'
import type { AiStreamEvent } from '@streamkit/stream-core/ai'

/** What the chat builds from the server's events: the answer so far, and why it finished. */
export interface AssistantReply {
  text: string
  finishReason: string | undefined
}

export const EMPTY_REPLY: AssistantReply = { text: '', finishReason: undefined }

/** Folds one SSE event of /api/chat into the reply (text deltas append; `finish` records the reason). */
export function reduceChatEvent(reply: AssistantReply, event: SseEvent): AssistantReply {
  if (event.event !== 'text' && event.event !== 'finish') return reply
  const data = JSON.parse(event.data) as AiStreamEvent
  if (data.type === 'text') return { ...reply, text: reply.text + data.delta }
  if (data.type === 'finish') return { ...reply, finishReason: data.finishReason }
  return reply
}
