import { type StreamResponse, streamResponse } from '@streamkit/stream-core'
import { type CityRow, InventoryUnavailableError, rowsThenFailure } from '@/lib/examples/sources'

export function GET(request: Request): Promise<StreamResponse<CityRow, 'ndjson'>> {
  return streamResponse(rowsThenFailure, {
    format: 'ndjson',
    signal: request.signal,
    // The server decides what the client may see; the raw message (with its secret) stays here.
    onError: (error) =>
      error instanceof InventoryUnavailableError
        ? { message: 'The inventory is unavailable, try again later.', code: 'inventory_unavailable' }
        : undefined,
  })
}
