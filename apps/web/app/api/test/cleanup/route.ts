import { jsonError } from '@/lib/json-error'
import { readCleanupCounters, testHooksEnabled } from '@/lib/test-hooks'

// Test-only (STREAMKIT_E2E=1): how many server-side sources started, finished and were cleaned up early.
// Without the flag this route does not exist as far as a client can tell.
export function GET() {
  if (!testHooksEnabled()) return jsonError(404, 'Not found.')
  return Response.json(readCleanupCounters(), { headers: { 'Cache-Control': 'no-store' } })
}
