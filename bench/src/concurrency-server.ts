// Child process of group 6: idle SSE streams written with stream-core: nothing but heartbeat comments until
// the client leaves. `GET /?heartbeatMs=1000`.
import { sendToParent } from './shared/child-process'
import { serveWebHandler } from './shared/http-server'

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })
}

/** A source with nothing to say until the client leaves. */
async function* idle(signal: AbortSignal): AsyncGenerator<string> {
  await untilAborted(signal)
  yield* []
}

const { streamResponse } = await import('@streamkit/stream-core')
const server = await serveWebHandler((request) =>
  streamResponse(idle, {
    format: 'sse',
    signal: request.signal,
    heartbeatMs: Number(new URL(request.url).searchParams.get('heartbeatMs') ?? 1000),
  }),
)
sendToParent({ type: 'ready', url: server.url, pid: process.pid })
