import { type StreamResponseOptions, streamResponse } from '../response'
import type { StreamResponse } from '../typed-response'
import { type AiStreamEvent, type AiStreamResult, aiEvents } from './ai-events'

/**
 * Options of {@link aiStreamResponse}: those of `streamResponse`, with the format limited to the two that
 * carry typed events.
 * @example
 * const options: AiStreamResponseOptions = { format: 'ndjson', signal: request.signal }
 */
export interface AiStreamResponseOptions
  extends Omit<StreamResponseOptions<AiStreamEvent>, 'format' | 'toSse'> {
  /** Default `'sse'`. */
  format?: 'sse' | 'ndjson'
}

/**
 * Streams an AI SDK generation as typed {@link AiStreamEvent}s. `run` receives an `AbortSignal` that aborts
 * when the client disconnects (`options.signal`, i.e. `request.signal`) or cancels the body: pass it to
 * `streamText({ abortSignal })` so the model really stops generating (and billing).
 *
 * SSE: each event is sent as `event: <type>`, `data: <the event as JSON>` and an `id` counting from 1;
 * NDJSON: one event per line. Errors follow `streamResponse`: an error before the first event gives a 500
 * JSON response, a later one a masked error frame (`onError` decides the message and logs).
 * @example
 * // app/api/chat/route.ts
 * import { streamText } from 'ai'
 * import { aiStreamResponse } from '@streamkit/stream-core/ai'
 *
 * export async function POST(request: Request) {
 *   const { prompt } = await request.json()
 *   return aiStreamResponse((abortSignal) => streamText({ model, prompt, abortSignal }), {
 *     signal: request.signal,
 *   })
 * }
 */
export function aiStreamResponse<F extends 'sse' | 'ndjson' = 'sse'>(
  run: (signal: AbortSignal) => AiStreamResult | PromiseLike<AiStreamResult>,
  options: AiStreamResponseOptions & { format?: F } = {},
): Promise<StreamResponse<AiStreamEvent, F>> {
  let id = 0
  return streamResponse(
    async function* (signal: AbortSignal) {
      yield* aiEvents(await run(signal))
    },
    {
      ...options,
      format: (options.format ?? 'sse') as F,
      toSse: (event) => ({ event: event.type, data: event, id: ++id }),
    },
  )
}
