import { streamResponse } from '@streamkit/stream-core'
import { dropConnectionAfter } from '@/lib/examples/drop-connection'
import { ticks } from '@/lib/examples/sources'

const LAST_TICK = 6
const TICKS_BEFORE_DROP = 3

export async function GET(request: Request): Promise<Response> {
  // Where the client resumes from: the id of the last event it received, sent back on reconnection.
  const after = Number(request.headers.get('Last-Event-ID') ?? 0) || 0
  const response = await streamResponse((signal: AbortSignal) => ticks(after, LAST_TICK, signal), {
    format: 'sse',
    signal: request.signal,
    toSse: (tick) => ({ event: 'tick', id: tick.n, data: tick, retry: 300 }),
  })
  if (after > 0 || !response.body) return response
  // First connection only: cut it after three events, so the client has to reconnect with Last-Event-ID.
  return new Response(response.body.pipeThrough(dropConnectionAfter(TICKS_BEFORE_DROP)), response)
}
