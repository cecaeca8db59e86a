'use client'

import type { SseEvent } from '@streamkit/stream-core'
import { useStream } from '@streamkit/stream-react'
import type { JobEvent } from '@/lib/job'

interface JobView {
  percent: number
  stage: string
  summary: string | undefined
}

const NOT_STARTED: JobView = { percent: 0, stage: 'Not started', summary: undefined }

function reduceJobEvent(view: JobView, event: SseEvent): JobView {
  const data = JSON.parse(event.data) as JobEvent
  if (data.type === 'progress') return { ...view, percent: data.percent, stage: data.stage }
  return {
    ...view,
    percent: 100,
    stage: 'Done',
    summary: `${data.summary} (${(data.durationMs / 1000).toFixed(1)} s)`,
  }
}

export function JobProgress() {
  // On a dropped connection the hook reconnects with Last-Event-ID, and the route resumes from that percent.
  const { status, value, error, retries, start, stop } = useStream<'sse', SseEvent, JobView>({
    url: '/api/job',
    format: 'sse',
    reduce: reduceJobEvent,
    initial: NOT_STARTED,
  })
  const busy = status === 'connecting' || status === 'streaming'
  return (
    <section className="panel" aria-label="Job">
      <div className="row">
        <button type="button" onClick={() => void start()} disabled={busy}>
          Start job
        </button>
        <button type="button" className="secondary" onClick={stop} disabled={!busy}>
          Cancel
        </button>
        <span className="status" data-status={status} data-testid="job-status" role="status">
          {status === 'connecting' && retries > 0 ? `reconnecting (attempt ${retries})` : status}
        </span>
      </div>
      <p>
        <label htmlFor="job-progress">Progress</label>{' '}
        <span data-testid="job-percent">{value.percent} %</span> ·{' '}
        <span data-testid="job-stage">{value.stage}</span>
      </p>
      <progress
        id="job-progress"
        max={100}
        value={value.percent}
        aria-valuetext={`${value.percent} %, ${value.stage}`}
      >
        {value.percent} %
      </progress>
      {value.summary ? <p data-testid="job-summary">{value.summary}</p> : null}
      {error ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}
    </section>
  )
}
