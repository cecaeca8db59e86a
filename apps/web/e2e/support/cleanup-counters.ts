import { type APIRequestContext, expect } from '@playwright/test'

export interface SourceCounters {
  started: number
  finished: number
  aborted: number
}

export interface CleanupCounters {
  chat: SourceCounters
  records: SourceCounters
  /** Calls to the chat model: a resumed answer never adds one. */
  modelCalls: number
}

/** Reads the server's test-only counters of sources started and cleaned up (GET /api/test/cleanup). */
export async function readCleanupCounters(request: APIRequestContext): Promise<CleanupCounters> {
  const response = await request.get('/api/test/cleanup')
  expect(response.status()).toBe(200)
  return (await response.json()) as CleanupCounters
}
