/**
 * Options every decoder takes.
 * @example
 * const controller = new AbortController()
 * for await (const item of decodeNdjson(response.body!, { signal: controller.signal })) render(item)
 */
export interface DecodeOptions {
  /**
   * Stops decoding: the pending read rejects with `signal.reason` and the source is cancelled (a
   * `ReadableStream` is cancelled with that reason, an async iterator gets `return()`).
   */
  signal?: AbortSignal
}
