'use client'

import { useTextStream } from '@streamkit/stream-react'
import { useArrivals } from './arrivals'
import { LiveExample } from './live-example'

/** Streams a sentence word by word from app/api/examples/text/route.ts. */
export function TextStreamDemo() {
  const arrivals = useArrivals()
  const { status, text, error, start, stop } = useTextStream('/api/examples/text', {
    onChunk: (chunk) => arrivals.record(JSON.stringify(chunk)),
  })
  return (
    <LiveExample
      name="text"
      title="Text stream"
      route="/api/examples/text"
      stream={{ status, start, stop }}
      arrivals={arrivals}
    >
      <p className="live-output" data-testid="text-output">
        {text}
      </p>
      {error ? <p className="error-text">{error.message}</p> : null}
    </LiveExample>
  )
}
