import { describe, expect, it } from 'vitest'
import { createLineSplitter, decodeLines } from './lines'
import {
  byteByByte,
  byteIterable,
  byteStream,
  chunked,
  collect,
  everyTwoWaySplit,
  MULTI_BYTE_TEXT,
  silentStream,
  utf8,
} from './testing/byte-sources'
import { countCharacterWork } from './testing/work-counter'

/** The lines a fresh splitter emits for `pieces`, fed in order, then ended. */
function split(...pieces: string[]): string[] {
  const lines: string[] = []
  const splitter = createLineSplitter((line) => lines.push(line))
  for (const piece of pieces) splitter.feed(piece)
  splitter.end()
  return lines
}

describe('createLineSplitter', () => {
  it('splits on LF', () => {
    expect(split('a\nb\n')).toEqual(['a', 'b'])
  })

  it('splits on CR', () => {
    expect(split('a\rb\r')).toEqual(['a', 'b'])
  })

  it('splits on CRLF as one line end', () => {
    expect(split('a\r\nb\r\n')).toEqual(['a', 'b'])
  })

  it('handles mixed line ends in one piece', () => {
    expect(split('a\nb\rc\r\nd\n\re')).toEqual(['a', 'b', 'c', 'd', '', 'e'])
  })

  it('treats a CRLF split between two pieces as one line end', () => {
    expect(split('a\r', '\nb\n')).toEqual(['a', 'b'])
  })

  it('treats a CR at the end of a piece followed by another line as a line end', () => {
    expect(split('a\r', 'b\n')).toEqual(['a', 'b'])
  })

  it('treats a CR at the end of a piece followed by a CR as two line ends', () => {
    expect(split('a\r', '\rb\n')).toEqual(['a', '', 'b'])
  })

  it('treats LF then CR (LFCR) as two line ends', () => {
    expect(split('a\n\rb')).toEqual(['a', '', 'b'])
  })

  it('keeps the CR-LF pairing across an empty piece', () => {
    expect(split('a\r', '', '\nb')).toEqual(['a', 'b'])
  })

  it('emits empty lines', () => {
    expect(split('\n\na\n\n')).toEqual(['', '', 'a', ''])
  })

  it('joins a line spread over many pieces', () => {
    expect(split('he', 'l', 'lo', ' wor', 'ld\nnext', '\n')).toEqual(['hello world', 'next'])
  })

  it('emits an unterminated last line on end()', () => {
    expect(split('a\nlast')).toEqual(['a', 'last'])
  })

  it('emits nothing on end() when the text ended with a line end', () => {
    expect(split('a\n')).toEqual(['a'])
    expect(split('a\r')).toEqual(['a'])
  })

  it('emits nothing for no input', () => {
    expect(split()).toEqual([])
    expect(split('')).toEqual([])
  })

  it('emits lines as soon as their line end arrives, before end()', () => {
    const lines: string[] = []
    const splitter = createLineSplitter((line) => lines.push(line))
    splitter.feed('a\nb')
    expect(lines).toEqual(['a'])
    splitter.feed('\n')
    expect(lines).toEqual(['a', 'b'])
  })

  it('gives the same lines for every two-piece split of a text with every kind of line end', () => {
    const text = 'one\ntwo\r\nthree\rfour\n\r\nfive'
    const expected = split(text)
    for (let i = 0; i <= text.length; i++) {
      expect(split(text.slice(0, i), text.slice(i))).toEqual(expected)
    }
  })

  it('gives the same lines when the text is fed one character at a time', () => {
    const text = 'one\ntwo\r\nthree\rfour\n\r\nfive'
    expect(split(...text)).toEqual(split(text))
  })

  it('does work linear in the input for a 1 MB line fed one character at a time', async () => {
    const run = (size: number) =>
      countCharacterWork(() => {
        const lines: string[] = []
        const splitter = createLineSplitter((line) => lines.push(line))
        for (let i = 0; i < size; i++) splitter.feed('x')
        splitter.feed('\n')
        splitter.end()
        expect(lines).toHaveLength(1)
        expect(lines[0]).toHaveLength(size)
      }, 8 * size)
    const megabyte = 1 << 20
    // A quadratic splitter (re-scanning or re-copying the pending line per piece) does ~size^2/2 work and
    // throws WorkBudgetExceeded within the first few thousand pieces.
    const once = await run(megabyte)
    const twice = await run(2 * megabyte)
    expect(twice / once).toBeLessThan(2.5)
  })

  it('does work linear in the input for many short lines in tiny pieces', async () => {
    const run = (lines: number) =>
      countCharacterWork(
        () => {
          let count = 0
          const splitter = createLineSplitter(() => count++)
          for (let i = 0; i < lines; i++) {
            splitter.feed('ab')
            splitter.feed('c\r')
            splitter.feed('\n')
          }
          splitter.end()
          expect(count).toBe(lines)
        },
        10 * 5 * lines,
      )
    const once = await run(100_000)
    const twice = await run(200_000)
    expect(twice / once).toBeLessThan(2.5)
  })

  it('does work linear in the input for a long piece holding many lines', async () => {
    const run = (lines: number) =>
      countCharacterWork(
        () => {
          let count = 0
          const splitter = createLineSplitter(() => count++)
          // Only LFs: a splitter that searched the rest of the piece for a CR on every line would be quadratic.
          splitter.feed('line\n'.repeat(lines))
          splitter.end()
          expect(count).toBe(lines)
        },
        4 * 5 * lines,
      )
    const once = await run(100_000)
    const twice = await run(200_000)
    expect(twice / once).toBeLessThan(2.5)
  })
})

describe('createLineSplitter fed bytes', () => {
  it('gives the same lines as for the decoded text, for every two-piece split of the bytes', () => {
    const text = `\ufeffone\r\ntwo ${MULTI_BYTE_TEXT}\rthree\n\nlast`
    const bytes = utf8(text)
    for (let i = 0; i <= bytes.length; i++) {
      const lines: string[] = []
      const splitter = createLineSplitter((line) => lines.push(line))
      splitter.feed(bytes.subarray(0, i))
      splitter.feed(bytes.subarray(i))
      splitter.end()
      // Decoding removes the BOM, as TextDecoder does.
      expect(lines).toEqual(split(text.slice(1)))
    }
  })
})

describe('decodeLines', () => {
  it('decodes the lines of a ReadableStream of bytes', async () => {
    const { stream } = byteStream(['a\nb', '\r\nc'])
    expect(await collect(decodeLines(stream))).toEqual(['a', 'b', 'c'])
  })

  it('decodes the lines of an async iterable of bytes', async () => {
    const { iterable } = byteIterable(['a\n', 'b\n'])
    expect(await collect(decodeLines(iterable))).toEqual(['a', 'b'])
  })

  it('decodes a CRLF whose bytes arrive in two chunks as one line end', async () => {
    const { stream } = byteStream(['a\r', '\nb\r', '\n'])
    expect(await collect(decodeLines(stream))).toEqual(['a', 'b'])
  })

  it('decodes multi-byte characters split at every byte position', async () => {
    const bytes = utf8(`${MULTI_BYTE_TEXT}\n${MULTI_BYTE_TEXT}`)
    for (const [head, tail] of everyTwoWaySplit(bytes)) {
      const { stream } = byteStream([head, tail])
      expect(await collect(decodeLines(stream))).toEqual([MULTI_BYTE_TEXT, MULTI_BYTE_TEXT])
    }
  })

  it('decodes multi-byte characters fed one byte at a time', async () => {
    const { stream } = byteStream(byteByByte(utf8(`${MULTI_BYTE_TEXT}\r\n${MULTI_BYTE_TEXT}\r\n`)))
    expect(await collect(decodeLines(stream))).toEqual([MULTI_BYTE_TEXT, MULTI_BYTE_TEXT])
  })

  it('does work linear in the input for a 1 MB line in 1-byte chunks', async () => {
    const megabyte = 1 << 20
    // 2-byte characters: every other chunk ends inside a character.
    const bytes = utf8(`${'é'.repeat(megabyte / 2)}\n`)
    // Re-scanning or re-copying the pending line per chunk would be ~(megabyte / 2)^2 / 2 here.
    const work = await countCharacterWork(async () => {
      const lines = await collect(decodeLines(chunked(bytes, 1)))
      expect(lines).toHaveLength(1)
      expect(lines[0]).toHaveLength(megabyte / 2)
    }, 8 * megabyte)
    expect(work).toBeGreaterThanOrEqual(megabyte / 2)
  }, 60_000)

  it('cancels the ReadableStream when the consumer breaks early', async () => {
    const { stream, cancelled } = byteStream(['a\n', 'b\n', 'c\n'])
    for await (const line of decodeLines(stream)) {
      expect(line).toBe('a')
      break
    }
    expect(cancelled.count).toBe(1)
    expect(stream.locked).toBe(false)
  })

  it('calls return() on the async iterator when the consumer breaks early', async () => {
    const { iterable, returned } = byteIterable(['a\n', 'b\n'])
    for await (const _ of decodeLines(iterable)) break
    expect(returned.count).toBe(1)
  })

  it('releases the reader lock without cancelling when the stream ends by itself', async () => {
    const { stream, cancelled } = byteStream(['a\n'])
    await collect(decodeLines(stream))
    expect(cancelled.count).toBe(0)
    expect(stream.locked).toBe(false)
  })

  it('rejects a pending read with the abort reason and cancels the stream when the signal aborts', async () => {
    const { stream, cancelled } = silentStream()
    const controller = new AbortController()
    const reason = new Error('stop')
    const lines = decodeLines(stream, { signal: controller.signal })
    const next = lines.next()
    controller.abort(reason)
    await expect(next).rejects.toBe(reason)
    expect(cancelled.count).toBe(1)
    expect(cancelled.reason).toBe(reason)
  })
})
