// HTTP requests on a fresh connection each (agent: false). fetch's shared keep-alive pool can hand a test a
// socket that `next start` is closing after the previous test's request, which fails as "other side closed".
import { type IncomingMessage, request } from 'node:http'

/**
 * Sends a request and resolves with the response once its headers arrived; the body is left to read.
 * @example
 * const response = await httpRequest('http://127.0.0.1:3000/api/stream')
 * for await (const chunk of response) console.log(String(chunk))
 */
export function httpRequest(url: string, method = 'GET'): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, resolve)
    req.on('error', reject)
    req.end()
  })
}

/** The whole body as text. */
export async function readText(response: IncomingMessage): Promise<string> {
  let text = ''
  for await (const chunk of response) text += String(chunk)
  return text
}
