/**
 * The SSE keep-alive timer: one timeout at a time, armed while the response waits for the source and
 * cleared as soon as an item (or the end) arrives, so an idle connection gets a comment every `intervalMs`
 * and a busy one none. Nothing keeps running once the stream is over: `stop()` clears the timer.
 */
export class Heartbeat {
  readonly #intervalMs: number
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs
  }

  /** Resolves when `intervalMs` pass without `stop()`; re-arming restarts the interval. */
  due(): Promise<void> {
    this.stop()
    return new Promise((resolve) => {
      this.#timer = setTimeout(() => {
        this.#timer = undefined
        resolve()
      }, this.#intervalMs)
    })
  }

  /** Clears the pending timer; its `due()` promise then never resolves. */
  stop(): void {
    if (this.#timer === undefined) return
    clearTimeout(this.#timer)
    this.#timer = undefined
  }
}
