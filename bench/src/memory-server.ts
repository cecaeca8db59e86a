// Child process of group 3: serves 16 KiB text items over HTTP with one contender, and reports its peak RSS
// (the kernel's high-water mark, reset before the request) above the idle RSS.
import { readFileSync, writeFileSync } from 'node:fs'
import { messageFromParent, sendToParent } from './shared/child-process'
import { serveWebHandler } from './shared/http-server'
import { readableFrom } from './shared/readable-from'

const ITEM_BYTES = 16 * 1024

async function* blocks(totalBytes: number): AsyncGenerator<string> {
  for (let index = 0; index * ITEM_BYTES < totalBytes; index++) yield String(index).padEnd(ITEM_BYTES, '.')
}

const contenders: Record<string, (totalBytes: number, signal: AbortSignal) => Response | Promise<Response>> =
  {
    'stream-core': async (totalBytes, signal) => {
      const { streamResponse } = await import('@streamkit/stream-core')
      return streamResponse(blocks(totalBytes), { format: 'text', signal })
    },
    'start-loop': (totalBytes) => {
      const encoder = new TextEncoder()
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          for await (const block of blocks(totalBytes)) controller.enqueue(encoder.encode(block))
          controller.close()
        },
      })
      return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } })
    },
    from: (totalBytes) => {
      const encoder = new TextEncoder()
      async function* encoded() {
        for await (const block of blocks(totalBytes)) yield encoder.encode(block)
      }
      return new Response(readableFrom(encoded()), {
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      })
    },
  }

function statusKiB(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))
  return Number(match?.[1] ?? Number.NaN)
}

const contender = contenders[process.argv[2] ?? '']
if (!contender) throw new Error(`unknown contender ${process.argv[2]}`)
const server = await serveWebHandler((request) =>
  contender(Number(new URL(request.url).searchParams.get('bytes')), request.signal),
)
const collect = (globalThis as { gc?: () => void }).gc
sendToParent({ type: 'ready', url: server.url })
for (;;) {
  await messageFromParent('arm')
  collect?.()
  // Writing 5 to clear_refs resets the peak-RSS high-water mark (VmHWM) to the current RSS.
  writeFileSync('/proc/self/clear_refs', '5')
  sendToParent({ type: 'armed', idleKiB: statusKiB('VmRSS') })
  await messageFromParent('read')
  sendToParent({ type: 'peak', peakKiB: statusKiB('VmHWM') })
}
