'use client'

import type { InferStreamItem } from '@streamkit/stream-core'
import { useNdjsonStream } from '@streamkit/stream-react'
import type { GET } from '@/app/api/records/route'

type Row = InferStreamItem<typeof GET>

export function RecordsTable() {
  const { status, items, error, start, stop } = useNdjsonStream<Row>('/api/records?limit=200')
  const busy = status === 'connecting' || status === 'streaming'
  return (
    <section className="panel" aria-label="Records">
      <div className="row">
        <button type="button" onClick={() => void start()} disabled={busy}>
          Load records
        </button>
        <button type="button" className="secondary" onClick={stop} disabled={!busy}>
          Stop
        </button>
        <span className="status" data-status={status} data-testid="records-status" role="status">
          {status}
        </span>
        <span data-testid="records-count">{items.length} rows</span>
      </div>
      {error ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}
      <table>
        <caption className="visually-hidden">Customers, in the order the cursor returned them</caption>
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Name</th>
            <th scope="col">City</th>
            <th scope="col">Plan</th>
            <th scope="col">Signed up</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.id}>
              <td>{row.id}</td>
              <td>{row.name}</td>
              <td>{row.city}</td>
              <td>{row.plan}</td>
              <td>{row.signedUpAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
