import 'server-only'
import type { LanguageModelV3 } from '@ai-sdk/provider'
import { aiEvents } from '@streamkit/stream-core/ai'
import { StoreLimitError } from '@streamkit/stream-core/resume'
import { streamText } from 'ai'
import type { ChatMessage } from './chat-request'
import type { ChatStreams } from './chat-streams'
import { jsonError } from './json-error'

const SYSTEM_PROMPT =
  'You are the demo assistant of streamkit, a kit for streaming responses in Next.js. Be brief.'

/** The response header that names the answer (useful when the client let the server make the id). */
export const CHAT_ID_HEADER = 'X-Chat-Id'

/**
 * What answering needs: the answers, the model, and where to hand the producer's completion so a serverless
 * platform keeps the function alive until the answer is stored (Next.js `after`).
 */
export interface AnswerChatOptions {
  /** The answers, or the promise of them (a failed Redis connection becomes a 503). */
  streams: ChatStreams | Promise<ChatStreams>
  model: LanguageModelV3
  keepAlive?: (done: Promise<void>) => void
}

/**
 * POST /api/chat, after validation: starts the answer `id` unless it exists (here or, with Redis, on any
 * instance), then streams it from the store. A request with `Last-Event-ID` is a reconnect: it only reads, so
 * an answer that expired is a 404, never a second model call. The model runs detached from this request: a
 * disconnect ends the response, not the generation; only {@link stopChatAnswer} stops it.
 * @example
 * return answerChat(request, { id, messages }, { streams: chatStreams(), model, keepAlive: after })
 */
export async function answerChat(
  request: Request,
  chat: { id: string; messages: ChatMessage[] },
  { model, keepAlive, ...options }: AnswerChatOptions,
): Promise<Response> {
  try {
    const streams = await options.streams
    // A client already gone before the answer exists (Stop pressed while connecting) starts nothing.
    if (!request.headers.has('last-event-id') && !request.signal.aborted) {
      const { started, done } = await streams.start(chat.id, (signal) =>
        aiEvents(streamText({ model, system: SYSTEM_PROMPT, messages: chat.messages, abortSignal: signal })),
      )
      if (started) keepAlive?.(done)
    }
    return await streams.response(chat.id, { request, headers: { [CHAT_ID_HEADER]: chat.id } })
  } catch (error) {
    return storeFailure(error)
  }
}

/**
 * GET /api/chat/[id]: the answer's events after the cursor (`?cursor=N`, else `Last-Event-ID`, else from the
 * first), then live until it ends. Only reads. 404 for an unknown or expired id, 400 for a bad cursor.
 * @example
 * return resumeChatAnswer(request, id, await chatStreams())
 */
export async function resumeChatAnswer(
  request: Request,
  id: string,
  streams: ChatStreams | Promise<ChatStreams>,
): Promise<Response> {
  const cursor = new URL(request.url).searchParams.get('cursor')
  try {
    return await (await streams).response(id, {
      request,
      ...(cursor === null ? {} : { lastEventId: cursor }),
      headers: { [CHAT_ID_HEADER]: id },
    })
  } catch (error) {
    return storeFailure(error)
  }
}

/**
 * POST /api/chat/[id]/stop: ends the answer's generation for every reader (the model's abort signal fires).
 * 200 `{ stopped: true }`; 200 `{ stopped: false, status }` when it had already ended; 404 for an unknown id.
 * @example
 * return stopChatAnswer(id, await chatStreams())
 */
export async function stopChatAnswer(
  id: string,
  answers: ChatStreams | Promise<ChatStreams>,
): Promise<Response> {
  try {
    const streams = await answers
    if (await streams.stop(id)) return Response.json({ stopped: true, status: 'stopped' }, noStore)
    const status = await streams.status(id)
    if (status === 'unknown') return jsonError(404, 'Unknown or expired answer.')
    return Response.json({ stopped: false, status }, noStore)
  } catch (error) {
    return storeFailure(error)
  }
}

const noStore = { headers: { 'Cache-Control': 'no-store' } }

/** The store refused (full) or failed (Redis down): the client gets a 503 it can retry, never a 500. */
function storeFailure(error: unknown): Response {
  if (StoreLimitError.isInstance(error)) {
    return jsonError(503, 'Too many answers are being generated right now. Please try again shortly.')
  }
  console.error('[api/chat] the answer store failed:', error)
  return jsonError(503, 'The answer store is unavailable. Please try again shortly.')
}
