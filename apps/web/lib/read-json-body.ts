import { jsonError } from './json-error'

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; response: Response }

/**
 * Reads a request body as JSON without ever holding more than `maxBytes`: the bytes are counted as they
 * arrive (Content-Length is only a shortcut, never trusted), and reading stops at the limit. Answers with
 * the error response to send: 413 over the limit, 400 for an empty body or invalid JSON.
 * @example
 * const body = await readJsonBody(request, 32 * 1024)
 * if (!body.ok) return body.response
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBodyResult> {
  const tooLarge = () => ({
    ok: false as const,
    response: jsonError(413, `The body is larger than ${maxBytes} bytes.`),
  })
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge()
  if (!request.body) return { ok: false, response: jsonError(400, 'The body is empty: send a JSON object.') }

  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        await reader.cancel().catch(() => {})
        return tooLarge()
      }
      chunks.push(value)
    }
  } catch {
    return { ok: false, response: jsonError(400, 'The body could not be read.') }
  }

  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { ok: false, response: jsonError(400, 'The body is not valid UTF-8.') }
  }
  if (text.trim() === '')
    return { ok: false, response: jsonError(400, 'The body is empty: send a JSON object.') }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, response: jsonError(400, 'The body is not valid JSON.') }
  }
}
