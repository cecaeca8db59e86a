import { resumeChatAnswer } from '@/lib/chat-answers'
import { isChatId } from '@/lib/chat-id'
import { chatStreams } from '@/lib/chat-streams'
import { jsonError } from '@/lib/json-error'

// GET only: reattaches to an answer of POST /api/chat, from `?cursor=N` or `Last-Event-ID`. Never calls the model.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  if (!isChatId(id)) return jsonError(400, 'The answer id must be a UUID.')
  return resumeChatAnswer(request, id, chatStreams())
}
