import { type StreamResponse, streamResponse } from '@streamkit/stream-core'
import { words } from '@/lib/examples/sources'

export function GET(request: Request): Promise<StreamResponse<string, 'text'>> {
  return streamResponse(words, { format: 'text', signal: request.signal })
}
