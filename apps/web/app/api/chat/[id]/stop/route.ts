import { stopChatAnswer } from '@/lib/chat-answers'
import { isChatId } from '@/lib/chat-id'
import { chatStreams } from '@/lib/chat-streams'
import { jsonError } from '@/lib/json-error'

// POST only: stops an answer's generation for everyone (unlike a disconnect, which only ends one response).
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  if (!isChatId(id)) return jsonError(400, 'The answer id must be a UUID.')
  return stopChatAnswer(id, chatStreams())
}
