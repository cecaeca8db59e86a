import { Agent, get, type IncomingMessage } from 'node:http'

/** How the client counts items in the bytes it receives. */
export type FrameCounter = 'bytes' | 'lines' | 'sse-events'

/** What one read of a response body measured. */
export interface ReadResult {
  status: number
  bytes: number
  /** Frames seen: LF-terminated lines for `lines`, blank-line-terminated events for `sse-events`, 0 for `bytes`. */
  frames: number
  ms: number
  /** True when the time cap ended the read before the body did. */
  capped: boolean
}

const LF = 10

/** Counts LF bytes, or LF LF pairs (SSE event ends), across chunk boundaries, with native `indexOf`. */
class Framer {
  frames = 0
  #lastWasLf = false
  constructor(readonly kind: FrameCounter) {}
  push(chunk: Buffer): void {
    if (this.kind === 'bytes' || chunk.length === 0) return
    if (this.kind === 'lines') {
      for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) this.frames++
      return
    }
    if (this.#lastWasLf && chunk[0] === LF) this.frames++
    for (let at = chunk.indexOf('\n\n'); at !== -1; at = chunk.indexOf('\n\n', at + 2)) this.frames++
    this.#lastWasLf = chunk[chunk.length - 1] === LF
  }
}

/**
 * GETs a URL over a fresh connection and reads the body to its end (or until `maxMs`), counting bytes and
 * frames without keeping them: the client side is kept as cheap as possible so the server is what is measured.
 */
export function readToEnd(
  url: string,
  counter: FrameCounter,
  maxMs = Number.POSITIVE_INFINITY,
): Promise<ReadResult> {
  return new Promise((resolve, reject) => {
    const agent = new Agent({ keepAlive: false })
    const started = performance.now()
    const framer = new Framer(counter)
    let bytes = 0
    let timer: NodeJS.Timeout | undefined
    const request = get(url, { agent }, (res: IncomingMessage) => {
      const finish = (capped: boolean) => {
        clearTimeout(timer)
        agent.destroy()
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          frames: framer.frames,
          ms: performance.now() - started,
          capped,
        })
      }
      if (Number.isFinite(maxMs)) {
        timer = setTimeout(() => {
          res.removeAllListeners('end')
          request.destroy()
          finish(true)
        }, maxMs)
      }
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        framer.push(chunk)
      })
      res.on('end', () => finish(false))
      res.on('error', () => {})
    })
    // After a cap the promise has resolved already and this reject is a no-op.
    request.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}

/**
 * Reads a body at most `bytesPerSecond`, like a client on a slow link: once ahead of its budget it pauses the
 * socket, so the server's writes back up (TCP window, then the socket's buffer) and backpressure, if any,
 * reaches the source.
 */
export function readSlowly(url: string, bytesPerSecond: number): Promise<{ bytes: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const agent = new Agent({ keepAlive: false })
    const started = performance.now()
    let bytes = 0
    const request = get(url, { agent }, (res) => {
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        const aheadMs = (bytes / bytesPerSecond) * 1000 - (performance.now() - started)
        if (aheadMs > 5) {
          res.pause()
          setTimeout(() => res.resume(), aheadMs)
        }
      })
      res.on('end', () => {
        agent.destroy()
        resolve({ bytes, ms: performance.now() - started })
      })
      res.on('error', reject)
    })
    request.on('error', reject)
  })
}
