/**
 * Passes the first `chunks` chunks of a body through and errors the body when the next one comes: the
 * server closes the connection without ending the response, as a dropped network would. Used by the
 * reconnect example only.
 */
export function dropConnectionAfter(chunks: number): TransformStream<Uint8Array, Uint8Array> {
  let passed = 0
  return new TransformStream({
    transform(chunk, controller) {
      if (passed === chunks) {
        controller.error(new Error('Simulated connection drop'))
        return
      }
      passed += 1
      controller.enqueue(chunk)
    },
  })
}
