'use client'

import { useEventStream } from '@streamkit/stream-react'
import type { JobProgress } from '@/lib/examples/sources'
import { useArrivals } from './arrivals'
import { LiveExample } from './live-example'

/** Shows a job's progress events from app/api/examples/sse/route.ts. */
export function SseProgressDemo() {
  const arrivals = useArrivals()
  const { status, events, error, start, stop } = useEventStream('/api/examples/sse', {
    onChunk: (event) => arrivals.record(`${event.event} #${event.id}`),
  })
  const last = events.at(-1)
  const progress = last ? (JSON.parse(last.data) as JobProgress) : undefined
  return (
    <LiveExample
      name="sse"
      title="Job progress over SSE"
      route="/api/examples/sse"
      stream={{ status, start, stop }}
      arrivals={arrivals}
    >
      <label className="visually-hidden" htmlFor="job-progress">
        Job progress
      </label>
      <progress id="job-progress" className="progress" max={100} value={progress?.percent ?? 0} />
      <p className="live-output">
        {progress
          ? `Step ${progress.step} of ${progress.of}: ${progress.label} (${progress.percent}%)`
          : 'Not started'}
      </p>
      {error ? <p className="error-text">{error.message}</p> : null}
    </LiveExample>
  )
}
