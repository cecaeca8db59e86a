import { streamResponse } from '@streamkit/stream-core'
import { type JobEvent, runJob } from '@/lib/job'

// Progress of a long server job as server-sent events: `progress` events from 0 to 100 (the percent is the
// event id), then `done`. A client reconnecting with Last-Event-ID resumes where it left off.
export function GET(request: Request) {
  const resumeAfter = lastPercent(request.headers.get('last-event-id'))
  return streamResponse((signal) => runJob({ stepMs: 100, stepPercent: 5, resumeAfter, signal }), {
    format: 'sse',
    signal: request.signal,
    toSse: (event: JobEvent) =>
      event.type === 'progress'
        ? { event: 'progress', id: String(event.percent), data: JSON.stringify(event) }
        : { event: 'done', data: JSON.stringify(event) },
  })
}

function lastPercent(lastEventId: string | null): number | undefined {
  const percent = Number(lastEventId)
  return lastEventId && Number.isInteger(percent) && percent >= 0 && percent < 100 ? percent : undefined
}
