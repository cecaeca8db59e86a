// Properties of the SSE parser against the spec: for any stream and any way of cutting it into pieces, fed as
// text or as UTF-8 bytes, createSseParser reports exactly what a literal reading of the WHATWG steps does
// (`testing/reference-sse-parser.ts`). fast-check shrinks a failure to a small stream and cutting.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSseParser } from './sse-parser'
import { type ReferenceReport, referenceSse } from './testing/reference-sse-parser'
import { cutAt, cutPoints, sseStream } from './testing/sse-arbitraries'

const utf8 = new TextEncoder()

/** Everything createSseParser reports for `pieces` (error events reported like others), and its last event ID. */
function parse(pieces: Array<string | Uint8Array>) {
  const reports: ReferenceReport[] = []
  const parser = createSseParser({
    onEvent: (event) => reports.push({ event }),
    onRetry: (ms) => reports.push({ retry: ms }),
    onComment: (comment) => reports.push({ comment }),
    errorEvent: null,
  })
  for (const piece of pieces) parser.feed(piece)
  parser.end()
  return { reports, lastEventId: parser.lastEventId }
}

describe('createSseParser: the same as the spec steps', () => {
  it('for any stream fed as text, cut anywhere', () => {
    fc.assert(
      fc.property(sseStream, cutPoints, (text, points) => {
        expect(parse(cutAt(text, points))).toEqual(referenceSse(text))
      }),
      { numRuns: 500 },
    )
  })

  it('for any stream fed as bytes, cut anywhere', () => {
    fc.assert(
      fc.property(sseStream, cutPoints, (text, points) => {
        // The reference reads the text the bytes decode to (a lone surrogate becomes U+FFFD in UTF-8).
        const bytes = utf8.encode(text)
        expect(parse(cutAt(bytes, points))).toEqual(referenceSse(decodeKeepingBom(bytes)))
      }),
      { numRuns: 500 },
    )
  })

  it('for long streams fed in large chunks, through the bulk byte path', () => {
    const longStream = fc.array(sseStream, { minLength: 5, maxLength: 20 }).map((parts) => parts.join('\n'))
    fc.assert(
      fc.property(longStream, fc.integer({ min: 256, max: 2048 }), (text, size) => {
        const bytes = utf8.encode(text)
        const chunks: Uint8Array[] = []
        for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size))
        expect(parse(chunks)).toEqual(referenceSse(decodeKeepingBom(bytes)))
      }),
      { numRuns: 200 },
    )
  })
})

/** The text of `bytes` with a leading BOM kept, so that the reference removes it, as it does for text. */
function decodeKeepingBom(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
}
