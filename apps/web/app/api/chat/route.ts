import { after } from 'next/server'
import { answerChat } from '@/lib/chat-answers'
import { newChatId } from '@/lib/chat-id'
import { readChatRequest } from '@/lib/chat-request'
import { chatStreams } from '@/lib/chat-streams'
import { chatModel } from '@/lib/model'

// POST only: Next.js answers other methods with 405. Bad input gets 400 / 413 (see lib/chat-request.ts).
// The answer is resumable (lib/chat-answers.ts): the same `id` again, or GET /api/chat/[id], reattaches to it.
export async function POST(request: Request) {
  const chat = await readChatRequest(request)
  if (!chat.ok) return chat.response
  const { id = newChatId(), messages } = chat.value
  return answerChat(
    request,
    { id, messages },
    { streams: chatStreams(), model: chatModel().model, keepAlive: (done) => after(() => done) },
  )
}
