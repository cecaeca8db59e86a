import 'server-only'
import { delay } from '@streamkit/stream-core'
import { trackSource } from './test-hooks'

/** One row of the demo "customers" table. */
export interface RecordRow {
  id: number
  name: string
  city: string
  plan: 'free' | 'pro' | 'team'
  signedUpAt: string
}

/** A cursor over a paginated query, like a database driver's: fetch page after page, then close it. */
interface RecordsCursor {
  /** The next page, or `null` when the query has no more rows. */
  nextPage(): Promise<RecordRow[] | null>
  /** Releases the cursor; safe to call more than once. */
  close(): Promise<void>
}

export interface RecordsQuery {
  /** How many rows in all. */
  limit: number
  /** Rows per page (one round trip each). */
  pageSize: number
  /** Simulated latency of one page fetch, in ms. */
  pageLatencyMs: number
  signal?: AbortSignal
}

const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Margaret',
  'Ken',
  'Radia',
  'Linus',
]
const CITIES = ['Lisbon', 'Nairobi', 'Osaka', 'Montreal', 'Tallinn', 'Lima', 'Hanoi', 'Oslo']
const PLANS: ReadonlyArray<RecordRow['plan']> = ['free', 'pro', 'team']

function row(id: number): RecordRow {
  const day = new Date(Date.UTC(2025, 0, 1) + id * 37 * 3_600_000)
  return {
    id,
    name: `${FIRST_NAMES[id % FIRST_NAMES.length]} #${id}`,
    city: CITIES[(id * 7) % CITIES.length] ?? 'Lisbon',
    plan: PLANS[(id * 5) % PLANS.length] ?? 'free',
    signedUpAt: day.toISOString(),
  }
}

/**
 * Opens a cursor over a fake, deterministic table: a stand-in for a database query that returns rows a page
 * at a time. With test hooks on, opening and closing are counted so the e2e suite can see the cursor closed.
 */
function openRecordsCursor(query: RecordsQuery): RecordsCursor {
  const settle = trackSource('records')
  let nextId = 1
  let closed = false
  return {
    async nextPage() {
      if (closed) throw new Error('The cursor is closed.')
      if (nextId > query.limit) return null
      await delay(query.pageLatencyMs, query.signal)
      const end = Math.min(query.limit, nextId + query.pageSize - 1)
      const page: RecordRow[] = []
      for (let id = nextId; id <= end; id++) page.push(row(id))
      nextId = end + 1
      return page
    },
    async close() {
      if (closed) return
      closed = true
      settle(nextId > query.limit ? 'finished' : 'aborted')
    },
  }
}

/**
 * The rows of a query one by one, closing the cursor however iteration ends: completed, cancelled by the
 * client (the iterator's `return()`), or aborted (the signal rejects the pending page fetch).
 * @example
 * for await (const row of queryRecords({ limit: 50, pageSize: 10, pageLatencyMs: 0 })) console.log(row.name)
 */
export async function* queryRecords(query: RecordsQuery): AsyncGenerator<RecordRow> {
  const cursor = openRecordsCursor(query)
  try {
    for (let page = await cursor.nextPage(); page; page = await cursor.nextPage()) yield* page
  } finally {
    await cursor.close()
  }
}
