/** The body of every JSON error this app sends: what went wrong, for a person to read. */
export interface JsonErrorBody {
  error: string
  /** Which fields were wrong, for validation failures. */
  issues?: Array<{ path: string; message: string }>
}

/**
 * A JSON error response, the shape stream-core's client reads into an `HttpError`.
 * @example
 * return jsonError(400, 'The body is not valid JSON.')
 */
export function jsonError(status: number, error: string, init: Omit<JsonErrorBody, 'error'> = {}): Response {
  const body: JsonErrorBody = { error, ...init }
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })
}
