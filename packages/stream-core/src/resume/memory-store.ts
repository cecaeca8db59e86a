import type { ErrorFrame } from '../errors/error-frame'
import { utf8Length } from '../utf8-length'
import type {
  ResumableStore,
  ResumableStreamStatus,
  StoredRecord,
  StoreReadOptions,
  StreamWriter,
} from './resumable-store'
import { StoreLimitError } from './store-limit-error'
import { UnknownStreamError } from './unknown-stream-error'

/**
 * Bounds of {@link createMemoryStore}. Everything is kept in the process's memory, so every bound has a
 * default; reaching one fails loudly ({@link StoreLimitError}) rather than dropping events.
 * @example
 * const store = createMemoryStore({ maxStreams: 200, ttlMs: 5 * 60_000 })
 */
export interface MemoryStoreOptions {
  /**
   * Streams kept at once, running or ended. When full, `create` evicts the oldest ended stream before its TTL;
   * if all are running it throws a {@link StoreLimitError} (`'streams'`). Default 1000.
   */
  maxStreams?: number
  /** Events per stream; one more fails the producer with a {@link StoreLimitError} (`'events'`). Default 10 000. */
  maxEventsPerStream?: number
  /** UTF-8 bytes of event data per stream; more fails the producer (`'bytes'`). Default 4 MiB. */
  maxBytesPerStream?: number
  /** How long an ended (finished or stopped) stream stays readable, in milliseconds. Default 15 minutes. */
  ttlMs?: number
}

/** Default bounds of {@link createMemoryStore}, for documentation and tests. */
export const MEMORY_STORE_DEFAULTS = {
  maxStreams: 1000,
  maxEventsPerStream: 10_000,
  maxBytesPerStream: 4 * 1024 * 1024,
  ttlMs: 15 * 60_000,
} as const satisfies Required<MemoryStoreOptions>

interface Entry {
  status: 'running' | 'finished' | 'stopped'
  events: string[]
  bytes: number
  error?: ErrorFrame
  /** `Infinity` while running; set when the stream ends. */
  expiresAt: number
  /** Readers and stop watchers waiting for the next change; each is called once, then removed. */
  wakers: Set<() => void>
}

/**
 * The embedded store: one process, zero setup, bounded (see {@link MemoryStoreOptions} and
 * {@link MEMORY_STORE_DEFAULTS}). Readers wake on the append itself (no polling), and no timer runs at all:
 * expired streams are swept lazily when the store is used, so the store never keeps a process alive.
 *
 * It cannot help a reconnect that lands on another instance (use the Redis store for that), and its streams
 * die with the process.
 * @example
 * const streams = createResumableStreams({ store: createMemoryStore({ ttlMs: 60_000 }) })
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): ResumableStore {
  const maxStreams = options.maxStreams ?? MEMORY_STORE_DEFAULTS.maxStreams
  const maxEvents = options.maxEventsPerStream ?? MEMORY_STORE_DEFAULTS.maxEventsPerStream
  const maxBytes = options.maxBytesPerStream ?? MEMORY_STORE_DEFAULTS.maxBytesPerStream
  const ttlMs = options.ttlMs ?? MEMORY_STORE_DEFAULTS.ttlMs
  // Insertion order is creation order, which `evictOne` relies on.
  const entries = new Map<string, Entry>()

  function live(streamId: string): Entry | undefined {
    const entry = entries.get(streamId)
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(streamId)
      return undefined
    }
    return entry
  }

  function sweep(): void {
    const now = Date.now()
    for (const [streamId, entry] of entries) if (entry.expiresAt <= now) entries.delete(streamId)
  }

  function evictOne(): boolean {
    for (const [streamId, entry] of entries) {
      if (entry.status !== 'running') {
        entries.delete(streamId)
        return true
      }
    }
    return false
  }

  function end(entry: Entry, status: 'finished' | 'stopped', error?: ErrorFrame): void {
    entry.status = status
    if (error) entry.error = error
    entry.expiresAt = Date.now() + ttlMs
    wake(entry)
  }

  return {
    async create(streamId) {
      sweep()
      if (entries.has(streamId)) return undefined
      if (entries.size >= maxStreams && !evictOne()) {
        throw new StoreLimitError('streams', `The memory store already runs ${maxStreams} streams`)
      }
      const entry: Entry = { status: 'running', events: [], bytes: 0, expiresAt: Infinity, wakers: new Set() }
      entries.set(streamId, entry)
      return writer(entry)
    },

    async stop(streamId) {
      const entry = live(streamId)
      if (entry?.status !== 'running') return false
      end(entry, 'stopped')
      return true
    },

    async status(streamId): Promise<ResumableStreamStatus> {
      return live(streamId)?.status ?? 'unknown'
    },

    read(streamId, options) {
      return readEntry(streamId, live(streamId), options)
    },
  }

  // A running entry is never swept nor evicted, so the writer can hold it directly.
  function writer(entry: Entry): StreamWriter {
    return {
      async append(data) {
        if (entry.status !== 'running') return undefined
        if (entry.events.length >= maxEvents) {
          throw new StoreLimitError('events', `A resumable stream may hold at most ${maxEvents} events`)
        }
        const bytes = entry.bytes + utf8Length(data)
        if (bytes > maxBytes) {
          throw new StoreLimitError(
            'bytes',
            `A resumable stream may hold at most ${maxBytes} bytes of events`,
          )
        }
        entry.bytes = bytes
        entry.events.push(data)
        wake(entry)
        return entry.events.length
      },

      async finish(error) {
        if (entry.status !== 'running') return false
        end(entry, 'finished', error)
        return true
      },

      async waitForStop(signal) {
        while (entry.status === 'running') {
          if (!(await changed(entry, signal))) return false
        }
        return entry.status === 'stopped'
      },
    }
  }
}

// Looked up when `read` is called (not at the first `next()`), so a reader holds the stream it asked for even
// if it ends and is swept before the reader starts.
async function* readEntry(
  streamId: string,
  entry: Entry | undefined,
  { after, signal }: StoreReadOptions,
): AsyncGenerator<StoredRecord> {
  if (!entry) throw new UnknownStreamError(streamId)
  let cursor = Math.max(0, Math.floor(after))
  for (;;) {
    while (cursor < entry.events.length) {
      const data = entry.events[cursor] as string
      cursor += 1
      yield { type: 'event', id: cursor, data }
    }
    if (entry.status !== 'running') {
      yield entry.error
        ? { type: 'end', status: entry.status, error: entry.error }
        : { type: 'end', status: entry.status }
      return
    }
    if (!(await changed(entry, signal))) return
  }
}

/** Resolves `true` at the entry's next change, `false` when `signal` aborts first; leaves no listener behind. */
function changed(entry: Entry, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false)
      return
    }
    const onChange = () => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }
    const onAbort = () => {
      entry.wakers.delete(onChange)
      resolve(false)
    }
    entry.wakers.add(onChange)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function wake(entry: Entry): void {
  const wakers = [...entry.wakers]
  entry.wakers.clear()
  for (const waker of wakers) waker()
}
