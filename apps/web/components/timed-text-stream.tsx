'use client'

import { useTextStream } from '@streamkit/stream-react'
import { useRef, useState } from 'react'

interface Arrival {
  text: string
  /** ms since the button was pressed */
  at: number
}

export interface TimedTextStreamProps {
  url: string
  buttonLabel: string
  /** Prefix of the data-testid attributes the e2e suite reads. */
  testId: string
  title: string
  description: string
}

/** The tutorial's "Stream" button, rewritten with stream-react: prints the text and when each chunk arrived. */
export function TimedTextStream({ url, buttonLabel, testId, title, description }: TimedTextStreamProps) {
  const startedAt = useRef(0)
  const [arrivals, setArrivals] = useState<Arrival[]>([])
  const { text, status, error, start } = useTextStream(url, {
    onChunk: (chunk: string) => {
      const at = performance.now() - startedAt.current
      setArrivals((previous) => [...previous, { text: chunk, at }])
    },
  })

  function run() {
    startedAt.current = performance.now()
    setArrivals([])
    void start()
  }

  const busy = status === 'connecting' || status === 'streaming'
  return (
    <section className="card" aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>
        <code>{title}</code>
      </h3>
      <p>{description}</p>
      <div className="row">
        <button type="button" onClick={run} disabled={busy}>
          {buttonLabel}
        </button>
        <span className="status" data-status={status} data-testid={`${testId}-status`}>
          {status}
        </span>
      </div>
      <output className="output" data-testid={`${testId}-output`} aria-live="polite">
        {text}
      </output>
      {error ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}
      <ol className="chunk-list" aria-label="Chunks as they arrived" data-testid={`${testId}-chunks`}>
        {arrivals.map((arrival, index) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: arrivals are append-only, the index is their identity
            key={index}
            data-arrived-ms={arrival.at.toFixed(1)}
            data-chunk={arrival.text}
          >
            {JSON.stringify(arrival.text)} at +{Math.round(arrival.at)} ms
          </li>
        ))}
      </ol>
    </section>
  )
}
