import { HttpError } from '../errors/http-error'

/**
 * Builds the {@link HttpError} for a non-2xx response, reading its body once. The message is the server's
 * JSON `error` (a string, or an object with a `message`) or `message` field, else the status text, else
 * `HTTP <status>`.
 * @example
 * if (!response.ok) throw await httpErrorFromResponse(response)
 */
export async function httpErrorFromResponse(response: Response): Promise<HttpError> {
  let text = ''
  try {
    text = await response.text()
  } catch {
    // The body failed too: the status alone still tells the caller what happened.
  }
  const body = parseJson(text)
  const message = messageOf(body) ?? (response.statusText || `HTTP ${response.status}`)
  return new HttpError(response.status, message, body)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { error, message } = body as { error?: unknown; message?: unknown }
  if (typeof error === 'string' && error !== '') return error
  if (typeof error === 'object' && error !== null) {
    const nested = (error as { message?: unknown }).message
    if (typeof nested === 'string' && nested !== '') return nested
  }
  if (typeof message === 'string' && message !== '') return message
  return undefined
}
