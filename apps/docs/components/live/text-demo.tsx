'use client'

import { useTextStream } from '@streamkit/stream-react'
import { ArrivalLog, useArrivals } from './arrivals'
import { LiveExample } from './live-example'

/** Streams a sentence word by word from app/api/examples/text/route.ts. */
export function TextStreamDemo() {
  const { arrivals, begin, record } = useArrivals()
  const { status, text, error, start, stop } = useTextStream('/api/examples/text', {
    onChunk: (chunk) => record(JSON.stringify(chunk)),
  })
  const running = status === 'connecting' || status === 'streaming'
  return (
    <LiveExample
      name="text"
      title="Text stream"
      route="/api/examples/text"
      status={status}
      running={running}
      onStart={() => {
        begin()
        start()
      }}
      onStop={stop}
    >
      <p className="live-output" data-testid="text-output">
        {text}
      </p>
      {error ? <p className="error-text">{error.message}</p> : null}
      <ArrivalLog arrivals={arrivals} />
    </LiveExample>
  )
}
