import type { StreamChange } from '@streamkit/stream-core'

/** Runs a callback at most once per frame (or per `throttleMs`), however often it is scheduled. */
export interface FrameScheduler {
  /** Schedules `callback` for the next frame unless a frame is already pending. */
  schedule(callback: () => void): void
  /** Drops the pending frame, if any. */
  cancel(): void
}

/**
 * A scheduler on `requestAnimationFrame` when the environment has it, else `setTimeout(16)`. A `throttleMs`
 * (read at each scheduling) replaces the frame with `setTimeout(throttleMs)`. Nothing is touched at import
 * time, so the module is safe to load during server rendering.
 * @example
 * const frame = createFrameScheduler(() => undefined)
 * frame.schedule(() => commit())
 */
export function createFrameScheduler(getThrottleMs: () => number | undefined): FrameScheduler {
  let cancelPending: (() => void) | undefined
  return {
    schedule(callback) {
      if (cancelPending) return
      const run = () => {
        cancelPending = undefined
        callback()
      }
      const throttleMs = getThrottleMs()
      const raf = globalThis.requestAnimationFrame
      if (throttleMs === undefined && typeof raf === 'function') {
        const id = raf(run)
        cancelPending = () => globalThis.cancelAnimationFrame(id)
      } else {
        const id = setTimeout(run, throttleMs ?? 16)
        cancelPending = () => clearTimeout(id)
      }
    },
    cancel() {
      cancelPending?.()
      cancelPending = undefined
    },
  }
}

/** A source of snapshots that says what each notification is about, like a stream session. */
export interface ChangeSource<TSnapshot> {
  subscribe(listener: (change: StreamChange) => void): () => void
  getSnapshot(): TSnapshot
}

/** A `useSyncExternalStore`-ready store: `subscribe` and `getSnapshot`, both stable functions. */
export interface BatchedStore<TSnapshot> {
  subscribe(onStoreChange: () => void): () => void
  getSnapshot(): TSnapshot
}

/**
 * Wraps a session so React sees at most one new snapshot per frame while chunks stream in: `'value'` changes
 * are published on the next frame, `'state'` changes (start, streaming, done, error, aborted, reset) at once,
 * together with every chunk before them, so the final state is exact and never deferred. `getSnapshot`
 * returns the last published snapshot, so a render caused by something else cannot pull in extra commits.
 * @example
 * const store = createFrameBatchedStore(session, createFrameScheduler(() => undefined))
 * const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
 */
export function createFrameBatchedStore<TSnapshot>(
  source: ChangeSource<TSnapshot>,
  scheduler: FrameScheduler,
): BatchedStore<TSnapshot> {
  let published = source.getSnapshot()
  const listeners = new Set<() => void>()
  let unsubscribeSource: (() => void) | undefined

  const publish = () => {
    scheduler.cancel()
    const next = source.getSnapshot()
    if (next === published) return
    published = next
    for (const listener of [...listeners]) listener()
  }

  const onSourceChange = (change: StreamChange) => {
    if (change === 'state') publish()
    else scheduler.schedule(publish)
  }

  return {
    subscribe(onStoreChange) {
      const entry = () => onStoreChange()
      listeners.add(entry)
      if (!unsubscribeSource) unsubscribeSource = source.subscribe(onSourceChange)
      // Changes made while nobody listened (e.g. between render and subscribe) are published now.
      publish()
      return () => {
        listeners.delete(entry)
        if (listeners.size === 0) {
          unsubscribeSource?.()
          unsubscribeSource = undefined
          scheduler.cancel()
        }
      }
    },
    getSnapshot: () => published,
  }
}
