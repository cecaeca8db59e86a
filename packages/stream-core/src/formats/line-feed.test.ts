import { describe, expect, it } from 'vitest'
import { createLineFeed } from './line-feed'

const utf8 = new TextEncoder()

/** Feeds `pieces` and returns each piece of whole lines the sink got, and what `end()` handed back. */
function feed(...pieces: Array<string | Uint8Array>) {
  const got: string[] = []
  const lines = createLineFeed((text, start, end) => got.push(text.slice(start, end)))
  const afterFeed: number[] = []
  for (const piece of pieces) {
    lines.feed(piece)
    afterFeed.push(got.length)
  }
  return { got, rest: lines.end(), afterFeed }
}

describe('createLineFeed: what the sink gets', () => {
  it('passes a piece of whole lines on as it is, in one call', () => {
    expect(feed('a\nb\r\nc\r').got).toEqual(['a\nb\r\nc\r'])
  })

  it('passes on the whole lines of a piece at once and keeps the unfinished line', () => {
    const { got, afterFeed } = feed('a\nb\npart', 'ial\n')
    expect(got).toEqual(['a\nb\n', 'partial\n'])
    expect(afterFeed).toEqual([1, 2])
  })

  it('completes a line begun in earlier pieces by itself, then passes the rest of the piece', () => {
    expect(feed('be', 'g', 'un\nnext\nlast\n').got).toEqual(['begun\n', 'next\nlast\n'])
  })

  it('keeps the CRLF of a completed line together', () => {
    expect(feed('be', 'gun\r\nnext\n').got).toEqual(['begun\r\n', 'next\n'])
  })

  it('passes nothing on until a line ends, however many pieces it takes', () => {
    const { afterFeed } = feed('a', 'b', 'c', 'd\n')
    expect(afterFeed).toEqual([0, 0, 0, 1])
  })

  it('removes the LF of a CRLF split between two pieces', () => {
    expect(feed('a\r', '\nb\n').got).toEqual(['a\r', 'b\n'])
  })

  it('keeps the CR-LF pairing across an empty piece', () => {
    expect(feed('a\r', '', '\nb\n').got).toEqual(['a\r', 'b\n'])
  })

  it('keeps an LF after a CR that did not end its piece: it is a line end of its own', () => {
    expect(feed('a\rtail', '\nb\n').got).toEqual(['a\r', 'tail\n', 'b\n'])
  })

  it('keeps an LF that follows a CR-ended piece with a CR: two line ends', () => {
    expect(feed('a\r', '\r\nb\n').got).toEqual(['a\r', '\r\nb\n'])
  })

  it('passes on a piece that is only the LF of a split CRLF as nothing', () => {
    const { got, afterFeed } = feed('a\r', '\n')
    expect(got).toEqual(['a\r'])
    expect(afterFeed).toEqual([1, 1])
  })
})

describe('createLineFeed: end()', () => {
  it('hands back the last line when the stream ended without a line end', () => {
    expect(feed('a\nla', 'st').rest).toBe('last')
  })

  it("hands back '' when the stream ended with a line end", () => {
    expect(feed('a\n').rest).toBe('')
    expect(feed('a\r').rest).toBe('')
    expect(feed().rest).toBe('')
  })

  it('starts afresh: nothing pending, no CR pairing, either kind may be fed next', () => {
    const got: string[] = []
    const lines = createLineFeed((text, start, end) => got.push(text.slice(start, end)))
    lines.feed('a\r')
    lines.feed('unfinished')
    expect(lines.end()).toBe('unfinished')
    lines.feed(utf8.encode('\nb\n'))
    expect(lines.end()).toBe('')
    expect(got).toEqual(['a\r', '\nb\n'])
  })
})

describe('createLineFeed: bytes', () => {
  it('passes on the decoded text of whole lines, a character split between chunks included', () => {
    const bytes = utf8.encode('é\n€x\n')
    const { got, rest } = feed(bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5))
    expect(got.join('')).toBe('é\n€x\n')
    expect(rest).toBe('')
  })

  it('removes the LF of a CRLF whose bytes arrive in two chunks', () => {
    expect(feed(utf8.encode('a\r'), utf8.encode('\nb\n')).got.join('')).toBe('a\rb\n')
  })

  it('hands back an unfinished last line of bytes from end(), decoded', () => {
    expect(feed(utf8.encode('a\nlast é')).rest).toBe('last é')
  })

  it('throws a TypeError for text after bytes, and for bytes after text, in one stream', () => {
    const lines = createLineFeed(() => {})
    lines.feed(utf8.encode('a'))
    expect(() => lines.feed('b')).toThrow(TypeError)
    lines.end()
    lines.feed('a')
    expect(() => lines.feed(utf8.encode('b'))).toThrow(TypeError)
  })

  it('throws a TypeError naming what it got for a chunk that is neither text nor bytes', () => {
    const lines = createLineFeed(() => {})
    expect(() => lines.feed([1, 2] as unknown as Uint8Array)).toThrow(/got Array/)
    expect(() => lines.feed(null as unknown as Uint8Array)).toThrow(/got null/)
  })
})
