// Test support: fast-check generators of event streams with the characters and line shapes that matter, and
// a way to cut them into chunks.

import fc from 'fast-check'

/** Any of the three line ends. */
export const lineEnd = fc.constantFrom('\n', '\r', '\r\n')

/** Text with the characters that matter: ASCII, multi-byte, astral, BOM, NUL, a lone surrogate, colons. */
export const value = fc
  .array(fc.constantFrom('a', 'Z', ' ', ':', 'é', '€', '日', '😀', '\ufeff', '\0', '\ud800', '9', '{', '"'), {
    maxLength: 12,
  })
  .map((characters) => characters.join(''))

/**
 * An SSE line: a known field (with and without the space), a comment, a blank line, a colon-less field, and
 * names that only start like a known one or differ in case.
 */
export const sseLine = fc.oneof(
  value.map((text) => `data: ${text}`),
  value.map((text) => `data:${text}`),
  value.map((text) => `event: ${text}`),
  value.map((text) => `event:${text}`),
  value.map((text) => `id: ${text}`),
  value.map((text) => `id:${text}`),
  fc.nat(99999).map((ms) => `retry: ${ms}`),
  value.map((text) => `retry:${text}`),
  value.map((text) => `:${text}`),
  fc.constant(''),
  fc.constantFrom('data', 'event', 'id', 'retry', 'dat', 'even', 'i', 'd', 'e'),
  value.map((text) => `x-unknown: ${text}`),
  value.map((text) => `Data: ${text}`),
  value.map((text) => `ids: ${text}`),
  value.map((text) => `events:${text}`),
  value.map((text) => `dat:${text}`),
)

/**
 * A stream of SSE lines and an unfinished tail, maybe after a BOM. Half the streams end every line with LF
 * (what servers send, and the parser's fast loop); the others mix LF, CR and CRLF.
 */
export const sseStream = fc
  .tuple(fc.boolean(), fc.boolean(), fc.array(fc.tuple(sseLine, lineEnd), { maxLength: 30 }), value)
  .map(
    ([bom, lfOnly, lines, tail]) =>
      `${bom ? '\ufeff' : ''}${lines.map(([line, end]) => line + (lfOnly ? '\n' : end)).join('')}${tail}`,
  )

/** Cut points for {@link cutAt}. */
export const cutPoints = fc.array(fc.nat(), { maxLength: 40 })

/** Cuts `bytes` (or text) at the given cut points (any numbers; taken modulo the length, sorted, deduplicated). */
export function cutAt<T extends Uint8Array | string>(input: T, points: number[]): T[] {
  const length = input.length
  const cuts = [...new Set(points.map((point) => (length === 0 ? 0 : point % (length + 1))))]
  cuts.sort((a, b) => a - b)
  const pieces: T[] = []
  let from = 0
  for (const cut of cuts) {
    pieces.push(slice(input, from, cut))
    from = cut
  }
  pieces.push(slice(input, from, length))
  return pieces
}

function slice<T extends Uint8Array | string>(input: T, from: number, to: number): T {
  return (typeof input === 'string' ? input.slice(from, to) : input.subarray(from, to)) as T
}
