import { DEFAULT_ERROR_MESSAGE, type ErrorFrame } from '../errors/error-frame'
import { maskError, type StreamErrorHandler } from '../errors/mask-error'
import { encodeJson } from '../formats/encode-json'
import type { SseMessage } from '../formats/sse-types'
import { type StreamResponseOptions, streamResponse } from '../response'
import { type StreamSource, toReadableStream } from '../source'
import type { StreamResponse } from '../typed-response'
import { createMemoryStore } from './memory-store'
import type { ResumableStore, ResumableStreamStatus, StreamWriter } from './resumable-store'

/**
 * Options of {@link createResumableStreams}.
 * @example
 * const options: ResumableStreamsOptions<AiStreamEvent> = {
 *   store: createRedisStore({ redis: fromNodeRedis(client) }),
 *   toSse: (event) => ({ event: event.type, data: event }),
 *   onError: (error) => void logger.error(error),
 * }
 */
export interface ResumableStreamsOptions<T> {
  /** Where events live. Default: a fresh {@link createMemoryStore} (one process). */
  store?: ResumableStore
  /**
   * Called once when a producer fails (or the store refuses an event): decides the error frame every reader
   * gets, and is where server-side logging goes. Same contract as `streamResponse`'s `onError`; default: logged
   * with `console.error`, readers get `DEFAULT_ERROR_MESSAGE`.
   */
  onError?: StreamErrorHandler
  /**
   * How an item becomes an SSE event; its `id` is always replaced by the event's id in the store. Default:
   * `(item) => ({ data: item })` (strings as-is, anything else as JSON), like `streamResponse`.
   */
  toSse?: (item: T) => SseMessage
}

/**
 * What {@link ResumableStreams.start} did. `done` settles when the producer this call started has ended and
 * its end is stored (at once when `started` is `false`); it never rejects. On serverless platforms, hand it to
 * `after()` (Next.js) or `waitUntil()` so the platform keeps the function alive until the answer is complete.
 * @example
 * const { started, done } = await streams.start(id, generate)
 * if (started) after(() => done)
 */
export interface ResumableStart {
  /** `true` when this call created the stream and runs its producer; `false` when the id already existed. */
  started: boolean
  done: Promise<void>
}

/**
 * Options of {@link ResumableStreams.response}: pass the `request` and the rest is read from it.
 * @example
 * const options: ResumableResponseOptions = { request, heartbeatMs: 10_000 }
 */
export interface ResumableResponseOptions
  extends Pick<
    StreamResponseOptions<unknown>,
    'signal' | 'headers' | 'heartbeatMs' | 'padding' | 'coalesceBytes'
  > {
  /**
   * The request being answered: its `Last-Event-ID` header is the cursor (unless `lastEventId` is given) and
   * its `signal` ends this response (unless `signal` is given). Ending a response never stops the producer.
   */
  request?: Request
  /** Resume after this event id (e.g. from a query parameter). Empty / absent: from the first event. */
  lastEventId?: string | number | null
}

/**
 * Resumable streams over one store; see {@link createResumableStreams}.
 * @example
 * const streams: ResumableStreams<string> = createResumableStreams<string>()
 */
export interface ResumableStreams<T> {
  /**
   * Starts the producer of `streamId` unless the stream already exists (in this or, with a shared store, any
   * process), in which case `run` is not called. The producer is detached from every HTTP connection: it runs
   * until its source ends, fails, or `stop(streamId)`, even if no reader is left; `run`'s signal aborts only
   * on stop (so pass it to `streamText({ abortSignal })`, never `request.signal`). Each item is stored as the
   * next event (JSON); a failure is stored as a masked error frame that every reader receives.
   * @throws {StoreLimitError} when the store cannot take another stream.
   */
  start(streamId: string, run: StreamSource<T>): Promise<ResumableStart>
  /**
   * An SSE `Response` that replays the stream's events after the cursor, then follows it live until it ends.
   * Each event carries `id:`, so `EventSource` and stream-core's client resume with `Last-Event-ID` and get
   * exactly the events they missed. A stored failure ends it with an `event: error` frame (or, when nothing
   * came before it, a 500 JSON response, as `streamResponse` does); a stop ends it cleanly.
   *
   * Unknown (or expired) id: a 404 JSON response `{ "error": "...", "code": "unknown-stream" }`. A cursor that
   * is not a non-negative integer: 400 with `code: "invalid-last-event-id"`.
   */
  response(streamId: string, options?: ResumableResponseOptions): Promise<StreamResponse<T, 'sse'>>
  /** Stops the stream for everyone: the producer's signal aborts, readers end cleanly. `false` if not running. */
  stop(streamId: string): Promise<boolean>
  /** `'running'`, `'finished'`, `'stopped'` or `'unknown'`. */
  status(streamId: string): Promise<ResumableStreamStatus>
}

/**
 * Resumable streams: a producer that outlives its HTTP connection, and responses that any request (a first
 * one, or a reconnect with `Last-Event-ID`, even on another instance with a shared store) can pick up without
 * losing or repeating an event. A second `start` of a running id does not start a second producer, so a
 * reconnecting POST never calls the model twice.
 * @example
 * // app/api/chat/route.ts
 * const streams = createResumableStreams<AiStreamEvent>({ toSse: (event) => ({ event: event.type, data: event }) })
 *
 * export async function POST(request: Request) {
 *   const { chatId, prompt } = await request.json()
 *   // A reconnect resends the POST with Last-Event-ID: it only reads, so an expired id is a 404, not a new
 *   // model call. A first request (or one cut before its first event) starts, at most once per id.
 *   if (!request.headers.has('last-event-id')) {
 *     const { done } = await streams.start(chatId, (signal) =>
 *       aiEvents(streamText({ model, prompt, abortSignal: signal })),
 *     )
 *     after(() => done) // keep the function alive until the answer is stored
 *   }
 *   return streams.response(chatId, { request })
 * }
 */
export function createResumableStreams<T = unknown>(
  options: ResumableStreamsOptions<T> = {},
): ResumableStreams<T> {
  const store = options.store ?? createMemoryStore()
  const { onError } = options
  const toSse = options.toSse ?? ((item: T): SseMessage => ({ data: item }))
  /** Producers running in this process, so a local stop reaches them without a round trip. */
  const producers = new Map<string, AbortController>()

  async function produce(streamId: string, writer: StreamWriter, run: StreamSource<T>): Promise<void> {
    const stopper = new AbortController()
    producers.set(streamId, stopper)
    const watch = new AbortController()
    writer.waitForStop(watch.signal).then(
      (stopped) => stopped && stopper.abort(stoppedReason()),
      (error: unknown) => report(error),
    )
    const reader = toReadableStream(run, { signal: stopper.signal, highWaterMark: 0 }).getReader()
    let failure: { error: unknown } | undefined
    for (;;) {
      let next: ReadableStreamReadResult<T>
      try {
        next = await reader.read()
      } catch (error) {
        // Aborted: stopped, and the store already says so. Otherwise the source failed (and is settled).
        if (!stopper.signal.aborted) failure = { error }
        break
      }
      if (next.done) break
      let id: number | undefined
      try {
        id = await writer.append(encodeJson(next.value, 'A resumable stream item'))
      } catch (error) {
        // The item cannot be encoded or stored: the source is still open, settle it before ending the stream.
        failure = { error }
        await reader.cancel(error).catch(report)
        break
      }
      if (id === undefined) {
        // Stopped elsewhere before our watcher heard of it: end the source the same way.
        stopper.abort(stoppedReason())
        break
      }
    }
    try {
      if (failure) await writer.finish(frameFor(failure.error))
      else if (!stopper.signal.aborted) await writer.finish()
    } catch (error) {
      report(error)
    } finally {
      watch.abort()
      if (producers.get(streamId) === stopper) producers.delete(streamId)
    }
  }

  /** The frame every reader gets; an `onError` that throws is logged and the default message is used. */
  function frameFor(error: unknown): ErrorFrame {
    try {
      return maskError(error, onError)
    } catch (hookError) {
      console.error('[streamkit] onError threw while handling a resumable stream failure:', hookError, error)
      return { message: DEFAULT_ERROR_MESSAGE }
    }
  }

  /** An error with no reader left to tell (the store failed): it still reaches the logs through `onError`. */
  function report(error: unknown): void {
    frameFor(error)
  }

  return {
    async start(streamId, run) {
      const writer = await store.create(streamId)
      if (!writer) return { started: false, done: Promise.resolve() }
      return { started: true, done: produce(streamId, writer, run) }
    },

    async response(streamId, responseOptions = {}) {
      const { request, lastEventId, signal, ...rest } = responseOptions
      const after = parseCursor(lastEventId ?? request?.headers.get('last-event-id'))
      if (after === undefined) {
        return jsonError(400, 'Invalid Last-Event-ID: expected an event id', 'invalid-last-event-id')
      }
      if ((await store.status(streamId)) === 'unknown') {
        return jsonError(404, 'Unknown or expired stream', 'unknown-stream')
      }
      const source = async function* (readSignal: AbortSignal): AsyncGenerator<SseMessage> {
        for await (const record of store.read(streamId, { after, signal: readSignal })) {
          if (record.type === 'end') {
            if (record.error) throw new StoredFailure(record.error)
            return
          }
          yield { ...toSse(JSON.parse(record.data) as T), id: record.id }
        }
      }
      const response = await streamResponse(source, {
        ...rest,
        format: 'sse',
        signal: signal ?? request?.signal,
        toSse: (message) => message,
        // A stored failure was masked (and logged) once by the producer: every reader gets that same frame.
        onError: (error) => (error instanceof StoredFailure ? error.frame : maskError(error, onError)),
      })
      return response as unknown as StreamResponse<T, 'sse'>
    },

    async stop(streamId) {
      const stopped = await store.stop(streamId)
      if (stopped) producers.get(streamId)?.abort(stoppedReason())
      return stopped
    },

    status(streamId) {
      return store.status(streamId)
    },
  }
}

/** The end a producer stored, carried through `streamResponse` to become the same frame for every reader. */
class StoredFailure extends Error {
  readonly frame: ErrorFrame

  constructor(frame: ErrorFrame) {
    super(frame.message)
    this.frame = frame
  }
}

function stoppedReason(): DOMException {
  return new DOMException('The resumable stream was stopped.', 'AbortError')
}

/** `''` / absent: 0 (from the start); a non-negative integer: itself; anything else: `undefined`. */
function parseCursor(value: string | number | null | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return 0
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined
  if (!/^\d{1,15}$/.test(value)) return undefined
  return Number(value)
}

function jsonError<T>(status: number, message: string, code: string): StreamResponse<T, 'sse'> {
  return new Response(JSON.stringify({ error: message, code }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache, no-transform' },
  }) as StreamResponse<T, 'sse'>
}
