import { streamResponse } from '@streamkit/stream-core'

// The tutorial's basic example, on the Edge runtime as in the tutorial ("hello", " ", "world", 200 ms apart).
export const runtime = 'edge'

async function* words() {
  for (const [index, word] of ['hello', ' ', 'world'].entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, 200))
    yield word
  }
}

export function GET(request: Request) {
  return streamResponse(words(), { format: 'text', signal: request.signal })
}
