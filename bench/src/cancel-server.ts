// Child process of group 4: streams ticks with three kinds of body, and reports (over IPC, with the
// system-wide monotonic clock) the moment each request's source ran its `finally`.
import { sendToParent } from './shared/child-process'
import { serveWebHandler } from './shared/http-server'
import { readableFrom } from './shared/readable-from'
import { CANCEL_TICK_MS } from './shared/workload'

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })
}

async function* ticks(trial: string, signal?: AbortSignal): AsyncGenerator<string> {
  try {
    for (let index = 0; ; index++) {
      yield `tick ${index}\n`
      await delay(CANCEL_TICK_MS, signal)
    }
  } finally {
    sendToParent({ type: 'cleanup', trial, atMs: Number(process.hrtime.bigint()) / 1e6 })
  }
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' }

const bodies: Record<string, (trial: string, signal: AbortSignal) => Response | Promise<Response>> = {
  'stream-core': async (trial, signal) => {
    const { streamResponse } = await import('@streamkit/stream-core')
    return streamResponse((sourceSignal) => ticks(trial, sourceSignal), { format: 'text', signal })
  },
  from: (trial) => {
    const encoder = new TextEncoder()
    async function* encoded() {
      for await (const tick of ticks(trial)) yield encoder.encode(tick)
    }
    return new Response(readableFrom(encoded()), { headers: TEXT })
  },
  'start-loop': (trial) => {
    const encoder = new TextEncoder()
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for await (const tick of ticks(trial)) controller.enqueue(encoder.encode(tick))
        controller.close()
      },
    })
    return new Response(body, { headers: TEXT })
  },
}

const server = await serveWebHandler((request) => {
  const params = new URL(request.url).searchParams
  const body = bodies[params.get('body') ?? '']
  if (!body) return new Response('unknown body', { status: 404 })
  return body(params.get('trial') ?? '', request.signal)
})
sendToParent({ type: 'ready', url: server.url })
