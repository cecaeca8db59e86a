import type { ReactNode } from 'react'

/** The frame around a live example: a title, its route, the status and a start/stop button. */
export function LiveExample({
  name,
  title,
  route,
  status,
  running,
  onStart,
  onStop,
  children,
}: {
  name: string
  title: string
  route: string
  status: string
  running: boolean
  onStart: () => void
  onStop: () => void
  children: ReactNode
}) {
  return (
    <section className="live-example" data-live-example={name} data-status={status} aria-label={title}>
      <div className="live-example-header">
        <p className="live-example-title">{title}</p>
        <code>GET {route}</code>
        <span className="status" aria-live="polite">
          {status}
        </span>
        {running ? (
          <button type="button" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={onStart}>
            Start
          </button>
        )}
      </div>
      {children}
    </section>
  )
}
