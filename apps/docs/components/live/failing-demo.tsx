'use client'

import { useNdjsonStream } from '@streamkit/stream-react'
import type { CityRow } from '@/lib/examples/sources'
import { useArrivals } from './arrivals'
import { LiveExample } from './live-example'

/** A stream that fails after three rows: the client gets the masked error frame, never the raw error. */
export function FailingStreamDemo() {
  const arrivals = useArrivals()
  const { status, items, error, start, stop } = useNdjsonStream<CityRow>('/api/examples/failing', {
    onChunk: (row) => arrivals.record(row.city),
  })
  return (
    <LiveExample
      name="failing"
      title="A stream that fails mid-way"
      route="/api/examples/failing"
      stream={{ status, start, stop }}
      arrivals={arrivals}
    >
      <p className="live-output">{items.map((row) => row.city).join(', ') || ' '}</p>
      {error ? (
        <p className="error-text" data-testid="stream-error">
          {error.name}: {error.message}
        </p>
      ) : null}
    </LiveExample>
  )
}
