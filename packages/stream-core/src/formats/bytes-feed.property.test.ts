// Properties of the byte path (`feed(Uint8Array)`): for any stream and any way of cutting its bytes into
// chunks, a parser fed the bytes reports exactly what it reports for the text one streaming TextDecoder makes
// of the same bytes. fast-check shrinks a failure to a small stream and chunking.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLineSplitter } from './lines'
import { createNdjsonParser } from './ndjson'
import type { PushParser } from './push-parser'
import { createSseParser } from './sse-parser'
import { cutAt, cutPoints, lineEnd, sseStream, value } from './testing/sse-arbitraries'
import { createUtf8LineDecoder } from './utf8-line-decoder'

const utf8 = new TextEncoder()
const RUNS = { numRuns: 300 }

/** What one streaming TextDecoder (BOM removed, U+FFFD for bad bytes) makes of all the bytes. */
function decodeAll(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes)
}

/** UTF-8 bytes of a stream, with a few invalid bytes spliced in. */
const withBadBytes = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(
      text,
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x80, 0xbf, 0xc3, 0xe2, 0xf0, 0xff)), { maxLength: 3 }),
    )
    .map(([source, bad]) => {
      const bytes = [...utf8.encode(source)]
      for (const [at, byte] of bad) bytes.splice(at % (bytes.length + 1), 0, byte)
      return Uint8Array.from(bytes)
    })

/** Everything `createParser` reports for `pieces`, or the error it stopped with. */
function outcome(
  pieces: Array<string | Uint8Array>,
  createParser: (report: (entry: unknown) => void) => PushParser,
): unknown[] {
  const reported: unknown[] = []
  try {
    const parser = createParser((entry) => reported.push(entry))
    for (const piece of pieces) parser.feed(piece)
    parser.end()
  } catch (error) {
    reported.push({ threw: (error as Error).name, message: (error as Error).message })
  }
  return reported
}

describe('feeding bytes: the same as feeding the decoded text', () => {
  it('createUtf8LineDecoder passes on exactly the text TextDecoder makes, for any chunking and urgency', () => {
    fc.assert(
      fc.property(withBadBytes(sseStream), cutPoints, fc.boolean(), (bytes, points, lazy) => {
        let text = ''
        const decoder = createUtf8LineDecoder((piece) => (text += piece), {
          isUrgentLine: lazy ? (first) => first === -1 : undefined,
        })
        for (const chunk of cutAt(bytes, points)) decoder.push(chunk)
        decoder.end()
        expect(text).toBe(decodeAll(bytes))
      }),
      RUNS,
    )
  })

  it('createSseParser: events, retries, comments, last event ID', () => {
    const sse = (report: (entry: unknown) => void) =>
      createSseParser({
        onEvent: (event) => report({ event }),
        onRetry: (ms) => report({ retry: ms }),
        onComment: (comment) => report({ comment }),
        errorEvent: null,
      })
    fc.assert(
      fc.property(withBadBytes(sseStream), cutPoints, (bytes, points) => {
        expect(outcome(cutAt(bytes, points), sse)).toEqual(outcome([decodeAll(bytes)], sse))
      }),
      RUNS,
    )
  })

  it('createSseParser: each callback runs during the feed that completes its line', () => {
    fc.assert(
      fc.property(withBadBytes(sseStream), cutPoints, (bytes, points) => {
        // Fed byte by chunk, the count of reports after each feed equals the count for the text up to the
        // same byte, decoded: nothing reported late (held back) or early.
        const chunks = cutAt(bytes, points)
        const seen: number[] = []
        const { parser, reports } = countingSseParser()
        let fed = 0
        const expected: number[] = []
        for (const chunk of chunks) {
          parser.feed(chunk)
          seen.push(reports())
          fed += chunk.length
          expected.push(completedReports(bytes.subarray(0, fed)))
        }
        parser.end()
        expect(seen).toEqual(expected)
      }),
      { numRuns: 150 },
    )
  })

  it('createNdjsonParser: values, or the same ParseError', () => {
    const json = fc.jsonValue({ maxDepth: 2 }).map((item) => JSON.stringify(item))
    const ndjson = fc
      .tuple(fc.boolean(), fc.array(fc.tuple(fc.oneof(json, value), lineEnd), { maxLength: 15 }))
      .map(([bom, lines]) => `${bom ? '\ufeff' : ''}${lines.map(([line, end]) => line + end).join('')}`)
    const parse = (report: (entry: unknown) => void) => createNdjsonParser({ onValue: report })
    fc.assert(
      fc.property(withBadBytes(ndjson), cutPoints, (bytes, points) => {
        expect(outcome(cutAt(bytes, points), parse)).toEqual(outcome([decodeAll(bytes)], parse))
      }),
      RUNS,
    )
  })

  it('createLineSplitter: lines', () => {
    const split = (report: (entry: unknown) => void) => createLineSplitter(report)
    fc.assert(
      fc.property(withBadBytes(sseStream), cutPoints, (bytes, points) => {
        expect(outcome(cutAt(bytes, points), split)).toEqual(outcome([decodeAll(bytes)], split))
      }),
      RUNS,
    )
  })
})

/**
 * How many reports (events, retries, comments) the decoded text of `prefix` completes: text fed to a fresh
 * parser reports a line as soon as its line end is in, so this is the count the byte path must match. The
 * prefix is cut after its last CR or LF (a character split at the end is not decoded yet), and a CR at the
 * very end counts as a line end, as it does for the byte path.
 */
function completedReports(prefix: Uint8Array): number {
  let last = prefix.length - 1
  while (last >= 0 && prefix[last] !== 10 && prefix[last] !== 13) last--
  const { parser, reports } = countingSseParser()
  parser.feed(new TextDecoder().decode(prefix.subarray(0, last + 1)))
  return reports()
}

/** An SSE parser that counts what it reports: events, retries and comments. */
function countingSseParser() {
  let count = 0
  const parser = createSseParser({
    onEvent: () => count++,
    onRetry: () => count++,
    onComment: () => count++,
    errorEvent: null,
  })
  return { parser, reports: () => count }
}
