import { type StreamResponse, streamResponse } from '@streamkit/stream-core'
import { type JobProgress, jobProgress } from '@/lib/examples/sources'

export function GET(request: Request): Promise<StreamResponse<JobProgress, 'sse'>> {
  return streamResponse(jobProgress, {
    format: 'sse',
    signal: request.signal,
    toSse: (progress) => ({ event: 'progress', id: String(progress.step), data: JSON.stringify(progress) }),
  })
}
