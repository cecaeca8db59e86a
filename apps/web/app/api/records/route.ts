import { type StreamResponse, streamResponse } from '@streamkit/stream-core'
import { queryRecords, type RecordRow } from '@/lib/records-cursor'

const DEFAULT_LIMIT = 60
const MAX_LIMIT = 500

// Rows of a paginated query as NDJSON, one JSON object per line. The cursor closes however the stream ends:
// all rows sent, the client stopping, or the client going away.
export function GET(request: Request): Promise<StreamResponse<RecordRow, 'ndjson'>> {
  const limit = clamp(Number(new URL(request.url).searchParams.get('limit') ?? DEFAULT_LIMIT), 1, MAX_LIMIT)
  return streamResponse((signal) => queryRecords({ limit, pageSize: 10, pageLatencyMs: 120, signal }), {
    format: 'ndjson',
    signal: request.signal,
  })
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : min
}
