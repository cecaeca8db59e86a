'use client'

import { useNdjsonStream } from '@streamkit/stream-react'
import type { CityRow } from '@/lib/examples/sources'
import { useArrivals } from './arrivals'
import { LiveExample } from './live-example'

/** Renders rows as they arrive from app/api/examples/ndjson/route.ts. */
export function NdjsonStreamDemo() {
  const arrivals = useArrivals()
  const { status, items, error, start, stop } = useNdjsonStream<CityRow>('/api/examples/ndjson', {
    onChunk: (row) => arrivals.record(row.city),
  })
  return (
    <LiveExample
      name="ndjson"
      title="NDJSON rows"
      route="/api/examples/ndjson"
      stream={{ status, start, stop }}
      arrivals={arrivals}
    >
      <table className="live-output">
        <thead>
          <tr>
            <th scope="col">id</th>
            <th scope="col">city</th>
            <th scope="col">°C</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.id}>
              <td>{row.id}</td>
              <td>{row.city}</td>
              <td>{row.temperatureC}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? <p className="error-text">{error.message}</p> : null}
    </LiveExample>
  )
}
