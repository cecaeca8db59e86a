import type { Metadata } from 'next'
import { RecordsTable } from './records-table'

export const metadata: Metadata = { title: 'Records · streamkit' }

export default function RecordsPage() {
  return (
    <>
      <h1>Records</h1>
      <p className="lead">
        Rows from a paginated database cursor, streamed as NDJSON (one JSON object per line) and rendered by{' '}
        <code>useNdjsonStream</code> as each page lands. However the stream ends, the route&apos;s{' '}
        <code>finally</code> closes the cursor.
      </p>
      <RecordsTable />
    </>
  )
}
