import type { ErrorFrame } from '../errors/error-frame'

/**
 * Where a resumable stream is:
 * - `'running'`: its producer is generating; readers follow it live;
 * - `'finished'`: the producer ended, normally or with an error frame, and the events are kept until the TTL;
 * - `'stopped'`: someone called `stop()`; generation ended for everyone, the events are kept until the TTL;
 * - `'unknown'`: never created here, expired, or lost with its producer.
 * @example
 * const status: ResumableStreamStatus = await store.status('chat-42')
 * if (status === 'unknown') return new Response('Not found', { status: 404 })
 */
export type ResumableStreamStatus = 'running' | 'finished' | 'stopped' | 'unknown'

/**
 * One event of a resumable stream as a store keeps it: `id` counts from 1 within its stream, with no gap,
 * and `data` is the serialized item (JSON), opaque to the store.
 * @example
 * const event: StoredEvent = { id: 1, data: '{"type":"text","delta":"Hel"}' }
 */
export interface StoredEvent {
  id: number
  data: string
}

/**
 * How a stream ended, as every reader sees it: `'finished'` (with the masked `error` frame when the producer
 * failed) or `'stopped'`.
 * @example
 * const end: StoredEnd = { status: 'finished', error: { message: 'The stream failed on the server.' } }
 */
export interface StoredEnd {
  status: 'finished' | 'stopped'
  error?: ErrorFrame
}

/**
 * What `ResumableStore.read` yields: the events after the cursor in id order, then exactly one end record
 * once the stream is over.
 * @example
 * for await (const record of store.read('chat-42', { after: 0 })) {
 *   if (record.type === 'event') send(record.id, record.data)
 *   else if (record.error) sendError(record.error)
 * }
 */
export type StoredRecord = ({ type: 'event' } & StoredEvent) | ({ type: 'end' } & StoredEnd)

/**
 * Options of `ResumableStore.read`.
 * @example
 * const options: StoreReadOptions = { after: Number(lastEventId), signal: request.signal }
 */
export interface StoreReadOptions {
  /** Yield only events with an id greater than this: 0 reads from the start. */
  after: number
  /** Aborting it ends the read quietly (the iterator returns) and frees what it holds, e.g. a connection. */
  signal?: AbortSignal
}

/**
 * The producer's handle on the stream it created, returned by `ResumableStore.create`. It carries the
 * producer's identity, so a producer that lost its stream (e.g. its Redis lease expired and the id was created
 * again) can no longer write into the new one.
 * @example
 * const writer = await store.create('chat-42')
 * if (writer) {
 *   await writer.append(JSON.stringify({ delta: 'Hi' }))
 *   await writer.finish()
 * }
 */
export interface StreamWriter {
  /** Appends one event and returns its id, or `undefined` when the stream is no longer running (stopped). */
  append(data: string): Promise<number | undefined>
  /** Ends the stream as `'finished'`, with the masked error if it failed. `false` if it was not running. */
  finish(error?: ErrorFrame): Promise<boolean>
  /**
   * Resolves `true` as soon as the stream is stopped (from any process), `false` once it ended otherwise or
   * `signal` aborted. Lets a stop reach a producer that is waiting, not only one that appends.
   */
  waitForStop(signal: AbortSignal): Promise<boolean>
}

/**
 * The storage behind resumable streams. Implementations must be correct when several processes share them:
 * - `create` is atomic: of two concurrent calls for one id, exactly one gets a {@link StreamWriter} and becomes
 *   the producer; the other gets `undefined`;
 * - `append` gives each event the next id (1, 2, 3...) and refuses (returns `undefined`) once the stream is
 *   no longer running, so nothing lands after a stop;
 * - `finish` and `stop` each end a running stream once; the first to happen wins, the other returns `false`;
 * - `read` replays the events after a cursor, then follows live (woken by appends, not by a fixed poll)
 *   until the end record, which it yields last;
 * - a stream is kept for a TTL after it ends, then becomes `'unknown'`.
 *
 * Two implementations ship: `createMemoryStore()` (one process, the default) and `createRedisStore()` from
 * `@streamkit/stream-core/resume/redis` (several instances).
 * @example
 * const streams = createResumableStreams({ store: createMemoryStore({ ttlMs: 60_000 }) })
 */
export interface ResumableStore {
  /** Creates `streamId` as running and returns its writer, or `undefined` when the id already exists. */
  create(streamId: string): Promise<StreamWriter | undefined>
  /** Ends a running stream as `'stopped'` for everyone. `false` if it was not running. */
  stop(streamId: string): Promise<boolean>
  /** Where the stream is; see {@link ResumableStreamStatus}. */
  status(streamId: string): Promise<ResumableStreamStatus>
  /**
   * Replays the events after `options.after`, then follows live, ending with the end record.
   * @throws {UnknownStreamError} when the stream does not exist, or disappears while being followed.
   */
  read(streamId: string, options: StoreReadOptions): AsyncIterable<StoredRecord>
}
