// The sources behind the live examples' route handlers: small async generators that wait between items,
// so the browser can be seen receiving each one as it is produced.

import { delay } from '@streamkit/stream-core'

/** The pause between two items of every live example. */
export const EXAMPLE_DELAY_MS = 250

const SENTENCE = 'Every word of this sentence left the server on its own, a quarter of a second apart.'

/** Words of a sentence, one at a time (each but the first with its leading space). */
export async function* words(signal: AbortSignal): AsyncGenerator<string> {
  const parts = SENTENCE.split(' ')
  for (const [index, word] of parts.entries()) {
    if (index > 0) await delay(EXAMPLE_DELAY_MS, signal)
    yield index === 0 ? word : ` ${word}`
  }
}

/** A row of the NDJSON example, as a database cursor might return it. */
export interface CityRow {
  id: number
  city: string
  temperatureC: number
}

const CITIES: CityRow[] = [
  { id: 1, city: 'Lisbon', temperatureC: 19 },
  { id: 2, city: 'Oslo', temperatureC: 4 },
  { id: 3, city: 'Nairobi', temperatureC: 24 },
  { id: 4, city: 'Osaka', temperatureC: 14 },
  { id: 5, city: 'Quito', temperatureC: 13 },
  { id: 6, city: 'Perth', temperatureC: 27 },
]

/** Rows read one by one, as from a cursor. */
export async function* cityRows(signal: AbortSignal): AsyncGenerator<CityRow> {
  for (const [index, row] of CITIES.entries()) {
    if (index > 0) await delay(EXAMPLE_DELAY_MS, signal)
    yield row
  }
}

/** Progress of the long-job example. */
export interface JobProgress {
  step: number
  of: number
  percent: number
  label: string
}

const STEPS = ['Queued', 'Downloading', 'Parsing', 'Indexing', 'Writing', 'Done']

/** The progress of a pretend job, one update per step. */
export async function* jobProgress(signal: AbortSignal): AsyncGenerator<JobProgress> {
  for (const [index, label] of STEPS.entries()) {
    if (index > 0) await delay(EXAMPLE_DELAY_MS, signal)
    const step = index + 1
    yield { step, of: STEPS.length, percent: Math.round((index / (STEPS.length - 1)) * 100), label }
  }
}

/** A typed error the failing example throws: its message must never reach the browser. */
export class InventoryUnavailableError extends Error {
  override readonly name = 'InventoryUnavailableError'
}

/** Three rows, then a failure whose message contains a secret the server must not leak. */
export async function* rowsThenFailure(signal: AbortSignal): AsyncGenerator<CityRow> {
  for (const row of CITIES.slice(0, 3)) {
    yield row
    await delay(EXAMPLE_DELAY_MS, signal)
  }
  throw new InventoryUnavailableError('connect ECONNREFUSED db.internal:5432 (password=hunter2)')
}

/** One event of the reconnect example: its number and the Last-Event-ID its connection resumed from. */
export interface Tick {
  n: number
  resumedAfter: string | null
}

/** The reconnect example's events: numbers `after + 1` to `last`, each carrying where its connection resumed. */
export async function* ticks(after: number, last: number, signal: AbortSignal): AsyncGenerator<Tick> {
  const resumedAfter = after > 0 ? String(after) : null
  for (let n = after + 1; n <= last; n++) {
    if (n > after + 1) await delay(EXAMPLE_DELAY_MS, signal)
    yield { n, resumedAfter }
  }
}
