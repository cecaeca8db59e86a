'use client'

import {
  createStreamSession,
  type DefaultStreamValue,
  type StreamChunk,
  type StreamError,
  type StreamFormat,
  type StreamSessionOptions,
  type StreamStartInput,
  type StreamState,
} from '@streamkit/stream-core'
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import { createFrameBatchedStore, createFrameScheduler } from './frame-batch'

/**
 * What the hooks add to a stream session's options.
 * @example
 * const options: StreamHookOptions = { throttleMs: 50, autoStart: true }
 */
export interface StreamHookOptions {
  /**
   * Commit streamed values at most once per `throttleMs` instead of once per animation frame. Status changes
   * and the final state are always committed at once. Use `onChunk` to see every chunk without rendering.
   */
  throttleMs?: number
  /**
   * Start on mount, and again when `url` changes (aborting the previous run). Default `false`: nothing is
   * fetched until `start()` is called. Strict-Mode safe: the double mount fetches once.
   */
  autoStart?: boolean
}

/**
 * Options of {@link useStream}: everything `createStreamSession` takes (url, format, method, headers, body,
 * fetch, reconnect, reducer + initial, onChunk, onFinish, onError) plus {@link StreamHookOptions}. Request
 * fields and callbacks may change between renders (the latest are used); `format` and whether there is a
 * reducer are fixed for the component's life.
 * @example
 * const options: UseStreamOptions<'sse', unknown, string> = {
 *   url: '/api/ai',
 *   format: 'sse',
 *   reduce: (text, event) => (event.event === 'text' ? text + JSON.parse(event.data).delta : text),
 *   initial: '',
 * }
 */
export type UseStreamOptions<TFormat extends StreamFormat, TItem, TValue> = StreamSessionOptions<
  TFormat,
  TItem,
  TValue
> &
  StreamHookOptions

/**
 * What the hooks return: the session state (`status`, `value`, `error`, `lastEventId`, `retries`) and the
 * stable controls `start`, `stop`, `reset`.
 * @example
 * const { status, value, error, start, stop } = useStream({ url: '/api/story', format: 'text' })
 */
export interface UseStreamResult<TValue> extends StreamState<TValue> {
  /**
   * Starts a run (aborting the previous one); per-call request fields override the hook's. Resolves with the
   * state the run ended in, never rejects.
   */
  start: (input?: StreamStartInput) => Promise<StreamState<TValue>>
  /** Aborts the request (the server sees the disconnect); status becomes `'aborted'`. */
  stop: () => void
  /** Aborts and returns to `'idle'` with the initial value. */
  reset: () => void
}

// useLayoutEffect warns during server rendering in React 18; the ref it updates only matters in the browser.
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/**
 * The general streaming hook: fetches `url`, decodes the body as `format`, and renders the value the chunks
 * build (the text, the items / events, or your reducer's value) at most once per animation frame. Unmounting
 * aborts the request; a new `start()` aborts the previous one and none of its chunks land. Nothing is fetched
 * during render: call `start()` (or set `autoStart`).
 * @example
 * function Answer() {
 *   const { value, status, error, start, stop } = useStream({
 *     url: '/api/ai',
 *     format: 'sse',
 *     reduce: (text: string, event) => (event.event === 'text' ? text + JSON.parse(event.data).delta : text),
 *     initial: '',
 *   })
 *   return (
 *     <>
 *       <button onClick={() => start({ body: { prompt: 'Hi' } })}>Ask</button>
 *       {status === 'streaming' && <button onClick={stop}>Stop</button>}
 *       <p>{value}</p>
 *       {error && <p role="alert">{error.message}</p>}
 *     </>
 *   )
 * }
 */
export function useStream<
  TFormat extends StreamFormat,
  TItem = unknown,
  TValue = DefaultStreamValue<TFormat, TItem>,
>(options: UseStreamOptions<TFormat, TItem, TValue>): UseStreamResult<TValue> {
  const optionsRef = useRef(options)
  useIsomorphicLayoutEffect(() => {
    optionsRef.current = options
  })

  // Created once per component; creating a session fetches nothing, so a discarded Strict Mode copy is harmless.
  const [{ session, store }] = useState(() => {
    const session = createStreamSession(liveOptions(optionsRef))
    const scheduler = createFrameScheduler(() => optionsRef.current.throttleMs)
    return { session, store: createFrameBatchedStore(session, scheduler) }
  })

  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)

  const start = useCallback((input?: StreamStartInput) => session.start(input), [session])
  const stop = useCallback(() => session.stop(), [session])
  const reset = useCallback(() => session.reset(), [session])

  useEffect(() => () => session.stop(), [session])

  const { autoStart = false, url } = options
  const urlKey = url === undefined ? undefined : String(url)
  useEffect(() => {
    if (!autoStart || urlKey === undefined) return
    // Deferred to a microtask: Strict Mode's mount-unmount-mount runs synchronously, so only the last
    // mount's start survives and the double mount fetches once.
    let cancelled = false
    queueMicrotask(() => {
      if (!cancelled) void session.start()
    })
    // No stop() here: the next start() aborts this run itself (no flash of 'aborted'), unmount stops it.
    return () => {
      cancelled = true
    }
  }, [autoStart, urlKey, session])

  return useMemo(() => ({ ...state, start, stop, reset }), [state, start, stop, reset])
}

/**
 * Session options that always read the component's latest options: request fields and reconnect through
 * getters (the session reads them at each start), callbacks and the reducer through wrappers.
 */
function liveOptions<TFormat extends StreamFormat, TItem, TValue>(ref: {
  readonly current: UseStreamOptions<TFormat, TItem, TValue>
}): StreamSessionOptions<TFormat, TItem, TValue> {
  const first = ref.current
  const live = {
    format: first.format,
    get url() {
      return ref.current.url
    },
    get method() {
      return ref.current.method
    },
    get headers() {
      return ref.current.headers
    },
    get body() {
      return ref.current.body
    },
    get credentials() {
      return ref.current.credentials
    },
    get fetch() {
      return ref.current.fetch
    },
    get reconnect() {
      return ref.current.reconnect
    },
    onChunk: (chunk: StreamChunk<TFormat, TItem>) => ref.current.onChunk?.(chunk),
    onFinish: (value: TValue) => ref.current.onFinish?.(value),
    onError: (error: StreamError) => ref.current.onError?.(error),
  }
  const initialReduce = first.reduce
  if (initialReduce) {
    // Object.assign keeps the getters above live (a spread would read them once).
    Object.assign(live, {
      reduce: (value: TValue, chunk: StreamChunk<TFormat, TItem>) =>
        (ref.current.reduce ?? initialReduce)(value, chunk),
      initial: first.initial,
    })
  }
  return live as StreamSessionOptions<TFormat, TItem, TValue>
}
