import { type StreamResponse, streamResponse } from '@streamkit/stream-core'
import { type CityRow, cityRows } from '@/lib/examples/sources'

export function GET(request: Request): Promise<StreamResponse<CityRow, 'ndjson'>> {
  return streamResponse(cityRows, { format: 'ndjson', signal: request.signal })
}
