import { aiStreamResponse } from '@streamkit/stream-core/ai'
import { streamText } from 'ai'
import { readChatRequest } from '@/lib/chat-request'
import { chatModel } from '@/lib/model'

const SYSTEM_PROMPT =
  'You are the demo assistant of streamkit, a kit for streaming responses in Next.js. Be brief.'

// POST only: Next.js answers other methods with 405. Bad input gets 400 / 413 (see lib/chat-request.ts).
export async function POST(request: Request) {
  const chat = await readChatRequest(request)
  if (!chat.ok) return chat.response
  const { model } = chatModel()
  return aiStreamResponse(
    (signal) =>
      streamText({ model, system: SYSTEM_PROMPT, messages: chat.value.messages, abortSignal: signal }),
    { format: 'sse', signal: request.signal, onError: reportChatError },
  )
}

function reportChatError(error: unknown): string {
  console.error('[api/chat] the model failed mid-answer:', error)
  return 'The model failed while answering. Please try again.'
}
