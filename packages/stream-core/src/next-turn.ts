/**
 * Runs a callback at the next turn of the event loop: after every microtask already queued (and every one
 * they queue) has run, the boundary coalescing uses to tell "ready" from "waiting" (see `coalesce.ts`).
 *
 * A `MessageChannel` message where there is one (Node, Deno, Bun, browsers, Workers): a real macrotask
 * that test fake timers (`vi.useFakeTimers()`, Jest, sinon) leave alone, so batching behaves the same under
 * them, and in Node it does not keep the process alive while idle. Else `setTimeout(0)`, e.g. in the
 * Next.js Edge sandbox, where `MessageChannel` is a stub that throws.
 */
export type TurnScheduler = (callback: () => void) => void

/** The globals a {@link TurnScheduler} may use: `globalThis` by default, a stand-in in tests. */
export interface TurnScope {
  MessageChannel?: unknown
  setTimeout: (callback: () => void, ms: number) => unknown
}

/** The parts of a Web (or Node) `MessagePort` used here; `ref` / `unref` exist in Node only. */
interface TurnPort {
  onmessage: (() => void) | null
  postMessage(message: null): void
  ref?(): void
  unref?(): void
}

/**
 * A scheduler over `scope`, choosing its mechanism on first use. Callbacks queued in the same turn run
 * together, in order, on one message.
 */
export function createTurnScheduler(scope: TurnScope = globalThis): TurnScheduler {
  let queue: Array<() => void> = []
  let post: (() => void) | undefined

  function run(): void {
    const callbacks = queue
    queue = []
    for (const callback of callbacks) callback()
  }

  return (callback) => {
    queue.push(callback)
    if (queue.length > 1) return
    post ??= channelPost(scope, run) ?? (() => scope.setTimeout(run, 0))
    post()
  }
}

/** Posts through a `MessageChannel`, or `undefined` when the scope has none that works. */
function channelPost(scope: TurnScope, run: () => void): (() => void) | undefined {
  const Channel = scope.MessageChannel as (new () => { port1: TurnPort; port2: TurnPort }) | undefined
  if (typeof Channel !== 'function') return undefined
  let port1: TurnPort
  let port2: TurnPort
  try {
    ;({ port1, port2 } = new Channel())
  } catch {
    return undefined // a stub that throws when used (Next.js's Edge sandbox): fall back to setTimeout
  }
  port1.onmessage = () => {
    // Node: an idle port must not keep the process alive; it is referenced only while a message is due.
    port1.unref?.()
    run()
  }
  port1.unref?.()
  return () => {
    port1.ref?.()
    port2.postMessage(null)
  }
}

/** The shared scheduler over `globalThis`. */
export const afterTurn: TurnScheduler = createTurnScheduler()
