/**
 * A producer source driven step by step from a test: `push` hands the generator its next item, `end` and
 * `fail` finish it, and the counters show how often it was started and whether its `finally` ran.
 */
export interface ControlledSource<T> {
  run: (signal: AbortSignal) => AsyncIterable<T>
  push(item: T): void
  end(): void
  fail(error: unknown): void
  /** How many times `run` was called: the number of producers started. */
  readonly calls: number
  /** Whether the generator's `finally` ran. */
  readonly closed: boolean
  /** The signal the last `run` got. */
  readonly signal: AbortSignal | undefined
}

type Step<T> = { item: T } | { end: true } | { error: unknown }

export function controlledSource<T>(): ControlledSource<T> {
  const queue: Step<T>[] = []
  let wake: (() => void) | undefined
  let calls = 0
  let closed = false
  let signal: AbortSignal | undefined

  function enqueue(step: Step<T>) {
    queue.push(step)
    wake?.()
  }

  async function* generate(runSignal: AbortSignal): AsyncGenerator<T> {
    try {
      for (;;) {
        while (queue.length === 0) {
          if (runSignal.aborted) throw runSignal.reason
          await new Promise<void>((resolve) => {
            wake = resolve
            runSignal.addEventListener('abort', () => resolve(), { once: true })
          })
          wake = undefined
        }
        const step = queue.shift() as Step<T>
        if ('end' in step) return
        if ('error' in step) throw step.error
        yield step.item
      }
    } finally {
      closed = true
    }
  }

  return {
    run(runSignal) {
      calls += 1
      signal = runSignal
      return generate(runSignal)
    },
    push: (item) => enqueue({ item }),
    end: () => enqueue({ end: true }),
    fail: (error) => enqueue({ error }),
    get calls() {
      return calls
    },
    get closed() {
      return closed
    },
    get signal() {
      return signal
    },
  }
}
