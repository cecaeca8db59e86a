import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A Fetch-API handler, the shape of a Next.js Route Handler, a Hono app's `fetch` or an AI SDK response. */
export type WebHandler = (request: Request) => Response | Promise<Response>

/** A running server on 127.0.0.1. */
export interface RunningServer {
  url: string
  close(): Promise<void>
}

/**
 * Serves a Fetch-API handler over node:http the way Next.js does: the Response body is read chunk by chunk and
 * written to the socket, waiting for `drain` when the socket is full (backpressure), and cancelled when the
 * client goes away (which also aborts `request.signal`). Every contender in a benchmark goes through this same
 * adapter, so only the body's own cost differs between rows.
 */
export async function serveWebHandler(handler: WebHandler, port = 0): Promise<RunningServer> {
  const server = createServer((req, res) => {
    void respond(handler, req, res)
  })
  server.keepAliveTimeout = 1000
  server.listen(port, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

async function respond(handler: WebHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const abort = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) abort.abort(new DOMException('The client went away', 'AbortError'))
  })
  const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    signal: abort.signal,
  })
  let response: Response
  try {
    response = await handler(request)
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' })
    res.end(String(error))
    return
  }
  res.writeHead(response.status, Object.fromEntries(response.headers))
  if (!response.body) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  const cancel = () => {
    reader.cancel(abort.signal.reason).catch(() => {})
  }
  abort.signal.addEventListener('abort', cancel, { once: true })
  try {
    while (!abort.signal.aborted) {
      const { done, value } = await reader.read()
      if (done) break
      if (!res.write(value)) {
        await drained(res)
      }
    }
    if (!abort.signal.aborted) res.end()
  } catch {
    res.destroy()
  } finally {
    abort.signal.removeEventListener('abort', cancel)
  }
}

/** Resolves when the socket can take more, or when it closed (then the loop sees the abort). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}
