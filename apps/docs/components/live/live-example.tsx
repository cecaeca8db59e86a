import type { StreamStatus } from '@streamkit/stream-core'
import type { ReactNode } from 'react'
import { type Arrival, ArrivalLog } from './arrivals'

/**
 * The frame around a live example: a title, its route, the status, a start/stop button, and under the
 * example's own output the arrival log. Start clears the log (`arrivals.begin`) before the hook starts.
 */
export function LiveExample({
  name,
  title,
  route,
  stream,
  arrivals,
  children,
}: {
  name: string
  title: string
  route: string
  /** The hook's state and controls. */
  stream: { status: StreamStatus; start: () => void; stop: () => void }
  /** From `useArrivals()`. */
  arrivals: { arrivals: Arrival[]; begin: () => void }
  children: ReactNode
}) {
  const { status, start, stop } = stream
  const running = status === 'connecting' || status === 'streaming'
  return (
    <section className="live-example" data-live-example={name} data-status={status} aria-label={title}>
      <div className="live-example-header">
        <p className="live-example-title">{title}</p>
        <code>GET {route}</code>
        <span className="status" aria-live="polite">
          {status}
        </span>
        {running ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button
            type="button"
            onClick={() => {
              arrivals.begin()
              start()
            }}
          >
            Start
          </button>
        )}
      </div>
      {children}
      <ArrivalLog arrivals={arrivals.arrivals} />
    </section>
  )
}
