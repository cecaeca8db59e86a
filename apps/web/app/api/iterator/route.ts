import { delay, streamResponse } from '@streamkit/stream-core'

// The tutorial's async-iterator example, on the Node runtime: "one", "two", "three", 100 ms apart.
async function* tokens(signal: AbortSignal) {
  for (const [index, token] of ['one', 'two', 'three'].entries()) {
    if (index > 0) await delay(100, signal)
    yield token
  }
}

export function GET(request: Request) {
  return streamResponse(tokens, { format: 'text', signal: request.signal })
}
