import { z } from 'zod'
import { isChatId } from './chat-id'
import { MAX_CHAT_BODY_BYTES, MAX_MESSAGE_CHARS, MAX_MESSAGES } from './chat-limits'
import { jsonError } from './json-error'
import { readJsonBody } from './read-json-body'

const chatMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().trim().min(1, 'A message cannot be empty.').max(MAX_MESSAGE_CHARS),
})

/** The body of POST /api/chat. */
export const chatRequestSchema = z.object({
  /**
   * The answer's id (a UUID the client makes): sending the same id again, e.g. after a reload or a dropped
   * connection, reattaches to that answer instead of asking the model again. Absent: the server makes one.
   */
  id: z.string().refine(isChatId, 'The id must be a UUID.').optional(),
  messages: z
    .array(chatMessageSchema)
    .min(1)
    .max(MAX_MESSAGES)
    .refine((messages) => messages.at(-1)?.role === 'user', 'The last message must be from the user.'),
})

export type ChatMessage = z.infer<typeof chatMessageSchema>
export type ChatRequest = z.infer<typeof chatRequestSchema>

/**
 * Reads and validates a chat request: 413 over {@link MAX_CHAT_BODY_BYTES}, 400 for invalid JSON or a body
 * that does not match {@link chatRequestSchema}. Never throws.
 * @example
 * const chat = await readChatRequest(request)
 * if (!chat.ok) return chat.response
 */
export async function readChatRequest(
  request: Request,
): Promise<{ ok: true; value: ChatRequest } | { ok: false; response: Response }> {
  const body = await readJsonBody(request, MAX_CHAT_BODY_BYTES)
  if (!body.ok) return body
  const parsed = chatRequestSchema.safeParse(body.value)
  if (parsed.success) return { ok: true, value: parsed.data }
  return {
    ok: false,
    response: jsonError(400, 'The body does not match the chat request schema.', {
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    }),
  }
}
