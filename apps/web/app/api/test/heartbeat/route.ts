import { streamResponse } from '@streamkit/stream-core'
import { jsonError } from '@/lib/json-error'
import { testHooksEnabled } from '@/lib/test-hooks'

// Test-only (STREAMKIT_E2E=1): an SSE stream that never yields an item and stays open on heartbeats alone,
// until the client goes away. The benchmarks use it to count how many idle streams one server holds.
export function GET(request: Request) {
  if (!testHooksEnabled()) return jsonError(404, 'Not found.')
  const heartbeatMs = Number(new URL(request.url).searchParams.get('heartbeatMs') ?? 15_000)
  if (!Number.isInteger(heartbeatMs) || heartbeatMs < 100) {
    return jsonError(400, 'heartbeatMs must be an integer of at least 100.')
  }
  return streamResponse(idleUntilAborted, { format: 'sse', heartbeatMs, signal: request.signal })
}

async function* idleUntilAborted(signal: AbortSignal): AsyncGenerator<never> {
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
}
