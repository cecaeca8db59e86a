// Test support (not part of the package's public surface): a fetch answering with real Responses.

/** One request the fake server received, with a body stream the test writes to. */
export interface Connection {
  url: string
  init: RequestInit
  headers: Headers
  /** `Date.now()` when the request was made (the fake clock under fake timers). */
  at: number
  push(chunk: string | Uint8Array): void
  end(): void
  /** Fails the body like a dropped connection. */
  drop(): void
  readonly signal: AbortSignal | undefined
}

/**
 * A `fetch` that answers each call with a real `Response` over a real `ReadableStream` the test controls. Like a
 * real fetch, aborting the request's signal errors the body. `respond` may answer with another Response.
 */
export function createFakeServer(respond?: (connection: Connection) => Response | undefined) {
  const connections: Connection[] = []
  const encoder = new TextEncoder()
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    let controller!: ReadableStreamDefaultController<Uint8Array>
    let open = true
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c
      },
      cancel: () => {
        open = false
      },
    })
    const signal = init.signal ?? undefined
    const connection: Connection = {
      url: String(input),
      init,
      headers: new Headers(init.headers),
      at: Date.now(),
      push: (chunk) => {
        if (open) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
      },
      end: () => {
        if (open) controller.close()
        open = false
      },
      drop: () => {
        if (open) controller.error(new TypeError('network connection lost'))
        open = false
      },
      signal,
    }
    connections.push(connection)
    if (signal?.aborted) throw signal.reason
    signal?.addEventListener('abort', () => {
      if (open) controller.error(signal.reason)
      open = false
    })
    return respond?.(connection) ?? new Response(stream, { status: 200 })
  }
  return { fetch: fetch as typeof globalThis.fetch, connections }
}

/** Lets pending reads, decodes and state updates run: a few real macrotask turns (setImmediate is never faked here). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}
