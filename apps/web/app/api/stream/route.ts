import { toReadableStream } from '@streamkit/stream-core'

export const runtime = 'edge'

async function* words() {
  for (const word of ['hello', ' ', 'world']) {
    yield new TextEncoder().encode(word)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

export function GET() {
  return new Response(toReadableStream(words()), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
