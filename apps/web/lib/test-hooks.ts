import 'server-only'

/**
 * Test-only observability. Off unless the server was started with `STREAMKIT_E2E=1`: then the e2e suite
 * can read how many server-side sources started and were cleaned up (GET /api/test/cleanup), and ask the chat
 * to fail mid-stream (the message "trigger error"). In production nothing here is reachable.
 */
export function testHooksEnabled(): boolean {
  return process.env.STREAMKIT_E2E === '1'
}

/** The chat message that, with test hooks on, makes the server fail after a few tokens. */
export const TRIGGER_ERROR_MESSAGE = 'trigger error'

export interface SourceCounters {
  /** Sources that began producing. */
  started: number
  /** Sources that produced everything and ended normally. */
  finished: number
  /** Sources stopped early (client stop, disconnect, abort) and cleaned up. */
  aborted: number
}

export interface CleanupCounters {
  /** The chat model's token streams. */
  chat: SourceCounters
  /** The records route's paginated cursors. */
  records: SourceCounters
  /**
   * Calls to the chat model's `doStream` (local or OpenAI): a resumed answer must not add one, so this is how
   * the e2e suite proves that a reload or a reconnect never asks the model twice.
   */
  modelCalls: number
}

// Route handlers are bundled separately, so module state is not shared between routes: keep the counters on
// globalThis, which all Node-runtime routes of one server process share.
const COUNTERS_KEY = Symbol.for('streamkit.web.cleanup-counters')

function emptyCounters(): SourceCounters {
  return { started: 0, finished: 0, aborted: 0 }
}

function counters(): CleanupCounters {
  const store = globalThis as { [COUNTERS_KEY]?: CleanupCounters }
  store[COUNTERS_KEY] ??= { chat: emptyCounters(), records: emptyCounters(), modelCalls: 0 }
  return store[COUNTERS_KEY]
}

/** Records that a source of the given kind started; returns the function that records how it ended. */
export function trackSource(kind: 'chat' | 'records'): (outcome: 'finished' | 'aborted') => void {
  if (!testHooksEnabled()) return () => {}
  counters()[kind].started++
  let settled = false
  return (outcome) => {
    if (settled) return
    settled = true
    counters()[kind][outcome]++
  }
}

/** Records one call to the chat model (a no-op while the test hooks are off). */
export function countModelCall(): void {
  if (testHooksEnabled()) counters().modelCalls++
}

/** A copy of the counters as they are now. */
export function readCleanupCounters(): CleanupCounters {
  const { chat, records, modelCalls } = counters()
  return { chat: { ...chat }, records: { ...records }, modelCalls }
}
