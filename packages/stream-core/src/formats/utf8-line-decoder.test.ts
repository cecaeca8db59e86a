import { describe, expect, it } from 'vitest'
import { createUtf8LineDecoder, type Utf8LineDecoderOptions } from './utf8-line-decoder'

const utf8 = new TextEncoder()

/** Runs `chunks` through a decoder; returns each piece of text it passed on, and the pieces after `end()`. */
function run(chunks: Uint8Array[], options?: Utf8LineDecoderOptions) {
  const pieces: string[] = []
  const decoder = createUtf8LineDecoder((text) => pieces.push(text), options)
  const afterPush: number[] = []
  for (const chunk of chunks) {
    decoder.push(chunk)
    afterPush.push(pieces.length)
  }
  decoder.end()
  return { pieces, text: pieces.join(''), afterPush }
}

/** What one streaming TextDecoder (BOM removed, U+FFFD for bad bytes) makes of all the bytes. */
function reference(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder()
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode()
}

function cut(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size))
  return chunks
}

const concat = (...parts: number[][]) => new Uint8Array(parts.flat())
const bytesOf = (text: string) => [...utf8.encode(text)]

const MIXED = 'ascii line\nüber € 日本 😀\r\nCR only\rtrailing é'

describe('createUtf8LineDecoder: the text', () => {
  it.each([1, 2, 3, 5, 16, 255, 256, 257, 1000])('equals TextDecoder for %i-byte chunks', (size) => {
    const bytes = utf8.encode(MIXED.repeat(40))
    expect(run(cut(bytes, size)).text).toBe(MIXED.repeat(40))
  })

  it('equals TextDecoder for every two-chunk split, through both the small and the large path', () => {
    const bytes = utf8.encode(`${'x'.repeat(300)}\n${MIXED}\n${'€'.repeat(120)}`)
    for (let i = 0; i <= bytes.length; i++) {
      const chunks = [bytes.subarray(0, i), bytes.subarray(i)]
      expect(run(chunks).text).toBe(reference(chunks))
    }
  })

  it('equals TextDecoder on invalid UTF-8, also split inside a bad sequence', () => {
    const bytes = concat([0x61, 0xe6, 0x0a], [0xff, 0xfe, 0x0d], [0xe2, 0x82], [0x0a, 0xf0, 0x9f, 0x98])
    for (let i = 0; i <= bytes.length; i++) {
      const chunks = [bytes.subarray(0, i), bytes.subarray(i)]
      expect(run(chunks).text).toBe(reference(chunks))
    }
  })

  it('flushes an incomplete character at the end as U+FFFD', () => {
    expect(run([concat(bytesOf('a\nb'), [0xe2, 0x82])]).text).toBe('a\nb\ufffd')
  })

  it('removes one BOM at the start, however the first bytes are split', () => {
    const bytes = concat([0xef, 0xbb, 0xbf], bytesOf('a\nb\n'))
    for (let i = 0; i <= bytes.length; i++) {
      expect(run([bytes.subarray(0, i), bytes.subarray(i)]).text).toBe('a\nb\n')
    }
  })

  it('removes only the first BOM, and none later in the stream', () => {
    const bom = [0xef, 0xbb, 0xbf]
    expect(run([concat(bom, bom, bytesOf('a\n'), bom, bytesOf('b\n'))]).text).toBe('\ufeffa\n\ufeffb\n')
  })

  it('starts afresh after end(): a new BOM is removed, nothing carries over', () => {
    const pieces: string[] = []
    const decoder = createUtf8LineDecoder((text) => pieces.push(text))
    decoder.push(concat([0xef, 0xbb, 0xbf], bytesOf('one\ntw'), [0xe2]))
    decoder.end()
    decoder.push(concat([0xef, 0xbb, 0xbf], bytesOf('two\n')))
    decoder.end()
    expect(pieces.join('|')).toBe('one\n|tw\ufffd|two\n')
  })

  it('passes on nothing for no bytes', () => {
    expect(run([new Uint8Array(0), new Uint8Array(0)]).pieces).toEqual([])
  })
})

describe('createUtf8LineDecoder: when text is passed on', () => {
  it('passes on every whole line of a small chunk at once, and keeps a partial line', () => {
    const { pieces, afterPush } = run([utf8.encode('a\nb\npart'), utf8.encode('ial\n')])
    expect(pieces).toEqual(['a\nb\n', 'partial\n'])
    expect(afterPush).toEqual([1, 2])
  })

  it('passes on a large chunk through its last line end, and keeps the rest', () => {
    const line = `${'y'.repeat(400)}\n`
    const { pieces, afterPush } = run([utf8.encode(`${line}${line}tail`), utf8.encode('\n')])
    expect(pieces).toEqual([line + line, 'tail\n'])
    expect(afterPush).toEqual([1, 2])
  })

  it('passes on a line begun in earlier chunks by itself when a large chunk ends it', () => {
    const rest = `${'z'.repeat(400)}\n`
    const { pieces } = run([utf8.encode('be'), utf8.encode('gun\n'.concat(rest))])
    expect(pieces).toEqual(['begun\n', rest])
  })

  it('passes on nothing until a line ends, however many chunks a line takes', () => {
    const chunks = cut(utf8.encode(`${'long '.repeat(100)}\n`), 7)
    const { afterPush } = run(chunks)
    expect(afterPush.slice(0, -1).every((count) => count === 0)).toBe(true)
    expect(afterPush.at(-1)).toBe(1)
  })

  it('takes a CR at the end of a chunk as a line end, and its LF in the next chunk as part of it', () => {
    const urgentBlank = { isUrgentLine: (first: number) => first === -1 }
    // 'a' CR | LF CR LF: one line, then a blank line, which is what makes it urgent.
    const { pieces, afterPush } = run([utf8.encode('a\r'), utf8.encode('\n\r\n')], urgentBlank)
    expect(pieces.join('')).toBe('a\r\n\r\n')
    expect(afterPush).toEqual([0, 1])
  })

  it('holds back lines that are not urgent until an urgent one ends', () => {
    const urgent = { isUrgentLine: (first: number) => first === -1 }
    const chunks = ['data: 1\n', 'id: 2\n', '\n', 'data: 3\n'].map((text) => utf8.encode(text))
    const { pieces, afterPush } = run(chunks, urgent)
    expect(afterPush).toEqual([0, 0, 1, 1])
    expect(pieces).toEqual(['data: 1\nid: 2\n\n', 'data: 3\n'])
  })

  it('gives isUrgentLine the first byte of each ended line, or -1 for a blank one', () => {
    const seen: number[] = []
    run([utf8.encode(':c\r\nx\n\rretry: 1\n')], {
      isUrgentLine: (first) => {
        seen.push(first)
        return false
      },
    })
    expect(seen).toEqual([58, 120, -1, 114])
  })

  it('passes on a very long line whole, and the lines after it, once its buffer has grown', () => {
    const pieces: string[] = []
    const decoder = createUtf8LineDecoder((text) => pieces.push(text))
    const long = utf8.encode('L'.repeat(200_000))
    for (const chunk of cut(long, 100)) decoder.push(chunk)
    decoder.push(utf8.encode('\nshort'))
    decoder.push(utf8.encode('\n'))
    decoder.end()
    expect(pieces.map((piece) => piece.length)).toEqual([200_001, 6])
  })
})

describe('createUtf8LineDecoder: linear work', () => {
  /** Bytes decoded and bytes copied by typed-array methods while `run` runs. */
  function countByteWork(run: () => void): { decoded: number; copied: number } {
    const work = { decoded: 0, copied: 0 }
    const proto = Uint8Array.prototype
    const { set, copyWithin, slice } = proto
    const decode = TextDecoder.prototype.decode
    proto.set = function (this: Uint8Array, source: ArrayLike<number>, offset?: number) {
      work.copied += source.length
      return set.call(this, source, offset)
    }
    proto.copyWithin = function (this: Uint8Array, target: number, start: number, end?: number) {
      work.copied += (end ?? this.length) - start
      return copyWithin.call(this, target, start, end)
    }
    proto.slice = function (this: Uint8Array, start?: number, end?: number) {
      const result = slice.call(this, start, end)
      work.copied += result.length
      return result
    }
    TextDecoder.prototype.decode = function (this: TextDecoder, input?: AllowSharedBufferSource, options?) {
      work.decoded += input ? input.byteLength : 0
      return decode.call(this, input, options)
    }
    try {
      run()
    } finally {
      Object.assign(proto, { set, copyWithin, slice })
      TextDecoder.prototype.decode = decode
    }
    return work
  }

  it.each([1, 16, 300, 70_000])(
    'decodes each byte once and copies it a bounded number of times (%i-byte chunks)',
    (size) => {
      const text = `${'a long line '.repeat(100_000)}\n${'data: x\nid: 1\n\n: c\n'.repeat(20_000)}end`
      const bytes = utf8.encode(text)
      let passedOn = ''
      const work = countByteWork(() => {
        const decoder = createUtf8LineDecoder((piece) => (passedOn += piece), {
          isUrgentLine: (first) => first === -1 || first === 58,
        })
        for (const chunk of cut(bytes, size)) decoder.push(chunk)
        decoder.end()
      })
      expect(passedOn).toBe(text)
      expect(work.decoded).toBe(bytes.length)
      // Doubling growth copies a long line about twice; compaction moves each kept byte at most twice more.
      expect(work.copied).toBeLessThan(5 * bytes.length)
    },
  )
})
