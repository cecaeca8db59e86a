'use client'

import { useEventStream } from '@streamkit/stream-react'
import type { Tick } from '@/lib/examples/sources'
import { useArrivals } from './arrivals'
import { LiveExample } from './live-example'

/**
 * Follows app/api/examples/reconnect/route.ts, whose first connection drops after three events: the hook
 * reconnects by itself, sends Last-Event-ID, and the server resumes after the last event received.
 */
export function ReconnectDemo() {
  const arrivals = useArrivals()
  const { status, events, error, lastEventId, start, stop } = useEventStream('/api/examples/reconnect', {
    reconnect: { maxRetries: 3, initialDelayMs: 300 },
    onChunk: (event) => {
      const tick = JSON.parse(event.data) as Tick
      arrivals.record(
        `tick ${tick.n}${tick.resumedAfter ? `, on a connection that resumed after ${tick.resumedAfter}` : ''}`,
      )
    },
  })
  const ticks = events.map((event) => JSON.parse(event.data) as Tick)
  // Each reconnection announces where it resumed: the Last-Event-ID the server received.
  const resumedAfter = [...new Set(ticks.flatMap((tick) => (tick.resumedAfter ? [tick.resumedAfter] : [])))]
  return (
    <LiveExample
      name="reconnect"
      title="SSE that reconnects"
      route="/api/examples/reconnect"
      stream={{ status, start, stop }}
      arrivals={arrivals}
    >
      <p className="live-output" data-testid="reconnect-output">
        {ticks.length > 0 ? `Ticks received: ${ticks.map((tick) => tick.n).join(', ')}.` : 'Not started.'}
        {resumedAfter.length > 0 ? ` Reconnected with Last-Event-ID: ${resumedAfter.join(', ')}.` : ''}
        {lastEventId ? ` Last event ID: ${lastEventId}.` : ''}
      </p>
      {error ? <p className="error-text">{error.message}</p> : null}
    </LiveExample>
  )
}
