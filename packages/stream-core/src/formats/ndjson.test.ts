import { describe, expect, it } from 'vitest'
import { EncodeError } from '../errors/encode-error'
import { DEFAULT_ERROR_MESSAGE } from '../errors/error-frame'
import { ErrorFrameError } from '../errors/error-frame-error'
import { ParseError } from '../errors/parse-error'
import { createNdjsonParser, decodeNdjson, encodeNdjson, encodeNdjsonError } from './ndjson'
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

/** Decodes `chunks` (strings or bytes) as NDJSON and collects the values. */
const decode = (...chunks: Array<string | Uint8Array>) => collect(decodeNdjson(byteStream(chunks).stream))

/** The error `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('encodeNdjson', () => {
  it('encodes a value as one line of JSON ending in LF', () => {
    expect(encodeNdjson({ id: 1, tags: ['a'] })).toBe('{"id":1,"tags":["a"]}\n')
  })

  it('encodes strings, numbers, booleans and null', () => {
    expect(encodeNdjson('hi')).toBe('"hi"\n')
    expect(encodeNdjson(1.5)).toBe('1.5\n')
    expect(encodeNdjson(true)).toBe('true\n')
    expect(encodeNdjson(null)).toBe('null\n')
  })

  it('escapes line breaks inside strings so an item stays on one line', () => {
    expect(encodeNdjson({ text: 'a\nb\r\nc\u2028d' })).toBe('{"text":"a\\nb\\r\\nc\u2028d"}\n')
  })

  it('follows JSON for nested undefined, NaN and toJSON', () => {
    expect(encodeNdjson({ a: undefined, b: [undefined], c: Number.NaN, d: new Date(0) })).toBe(
      '{"b":[null],"c":null,"d":"1970-01-01T00:00:00.000Z"}\n',
    )
  })

  it('throws an EncodeError for undefined', () => {
    expect(() => encodeNdjson(undefined)).toThrow(EncodeError)
  })

  it('throws an EncodeError for a function', () => {
    expect(() => encodeNdjson(() => 1)).toThrow(EncodeError)
  })

  it('throws an EncodeError for a symbol', () => {
    expect(() => encodeNdjson(Symbol('s'))).toThrow(EncodeError)
  })

  it('throws an EncodeError for a BigInt, also nested', () => {
    expect(() => encodeNdjson(1n)).toThrow(EncodeError)
    expect(() => encodeNdjson({ big: 1n })).toThrow(EncodeError)
  })

  it('throws an EncodeError for a cycle, keeping the TypeError as cause', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    let thrown: unknown
    try {
      encodeNdjson(cyclic)
    } catch (error) {
      thrown = error
    }
    expect(EncodeError.isInstance(thrown)).toBe(true)
    expect((thrown as EncodeError).cause).toBeInstanceOf(TypeError)
  })

  it('throws an EncodeError for a value whose toJSON returns undefined', () => {
    expect(() => encodeNdjson({ toJSON: () => undefined })).toThrow(EncodeError)
  })
})

describe('encodeNdjsonError', () => {
  it('encodes the frame in the $error envelope', () => {
    expect(encodeNdjsonError({ message: 'Search failed', code: 'search' })).toBe(
      '{"$error":{"message":"Search failed","code":"search"}}\n',
    )
  })

  it('leaves code out when the frame has none', () => {
    expect(encodeNdjsonError({ message: 'Failed' })).toBe('{"$error":{"message":"Failed"}}\n')
  })

  it('writes only message and code, nothing else the frame carries', () => {
    const frame = { message: 'Failed', stack: 'secret stack' } as unknown as { message: string }
    expect(encodeNdjsonError(frame)).toBe('{"$error":{"message":"Failed"}}\n')
  })

  it('throws an EncodeError for a frame without a string message', () => {
    expect(() => encodeNdjsonError({ message: 42 } as unknown as { message: string })).toThrow(EncodeError)
  })

  it('throws an EncodeError for a code that is not a string', () => {
    expect(() => encodeNdjsonError({ message: 'x', code: 5 } as unknown as { message: string })).toThrow(
      EncodeError,
    )
  })
})

describe('createNdjsonParser', () => {
  it('emits each value as soon as its line is complete', () => {
    const values: unknown[] = []
    const parser = createNdjsonParser({ onValue: (value) => values.push(value) })
    parser.feed('{"n":1}\n{"n"')
    expect(values).toEqual([{ n: 1 }])
    parser.feed(':2}\n')
    expect(values).toEqual([{ n: 1 }, { n: 2 }])
  })

  it('parses a last line without a line end on end()', () => {
    const values: unknown[] = []
    const parser = createNdjsonParser({ onValue: (value) => values.push(value) })
    parser.feed('1\n2')
    expect(values).toEqual([1])
    parser.end()
    expect(values).toEqual([1, 2])
  })

  it('takes UTF-8 bytes: emits each value as its line completes, a character split anywhere', () => {
    const values: unknown[] = []
    const parser = createNdjsonParser({ onValue: (value) => values.push(value) })
    const bytes = new TextEncoder().encode('\ufeff{"w":"日本"}\r\n{"w":"€"}\n{"w":"😀"}')
    const seen: number[] = []
    for (const byte of bytes) {
      parser.feed(Uint8Array.of(byte))
      seen.push(values.length)
    }
    parser.end()
    expect(values).toEqual([{ w: '日本' }, { w: '€' }, { w: '😀' }])
    // The first value arrives with its CR (the LF after it is part of the same line end).
    expect(seen.indexOf(1)).toBe(bytes.indexOf(13))
    expect(seen.indexOf(2)).toBe(bytes.indexOf(10, bytes.indexOf(13) + 2))
  })

  it('reports the line number of bad JSON fed as bytes', () => {
    const parser = createNdjsonParser({ onValue: () => {} })
    expect(() => parser.feed(new TextEncoder().encode('1\n2\n{oops\n'))).toThrow(/NDJSON line 3/)
  })
})

describe('decodeNdjson', () => {
  it('yields one value per line', async () => {
    expect(await decode('{"a":1}\n[2]\n"three"\n4\nnull\n')).toEqual([{ a: 1 }, [2], 'three', 4, null])
  })

  it('parses a final line that has no line end', async () => {
    expect(await decode('1\n2')).toEqual([1, 2])
  })

  it('skips empty lines', async () => {
    expect(await decode('\n1\n\n\n2\n\n')).toEqual([1, 2])
  })

  it('skips whitespace-only lines, such as padding', async () => {
    expect(await decode(`${' '.repeat(2048)}\n1\n \t \n2\n`)).toEqual([1, 2])
  })

  it('accepts CRLF line ends', async () => {
    expect(await decode('1\r\n2\r\n')).toEqual([1, 2])
  })

  it('accepts CR line ends', async () => {
    expect(await decode('1\r2\r')).toEqual([1, 2])
  })

  it('treats a CRLF split between two chunks as one line end', async () => {
    expect(await decode('1\r', '\n2\r', '\n')).toEqual([1, 2])
  })

  it('joins a value split over several chunks', async () => {
    expect(await decode('{"te', 'xt":"hel', 'lo"}\n')).toEqual([{ text: 'hello' }])
  })

  it('decodes from an async iterable', async () => {
    expect(await collect(decodeNdjson(byteIterable(['1\n', '2\n']).iterable))).toEqual([1, 2])
  })

  it('decodes 2-, 3- and 4-byte characters split at every byte position', async () => {
    const bytes = utf8(encodeNdjson({ text: MULTI_BYTE_TEXT }) + encodeNdjson([MULTI_BYTE_TEXT]))
    for (const [head, tail] of everyTwoWaySplit(bytes)) {
      expect(await decode(head, tail)).toEqual([{ text: MULTI_BYTE_TEXT }, [MULTI_BYTE_TEXT]])
    }
  })

  it('decodes multi-byte characters fed one byte at a time', async () => {
    const bytes = utf8(encodeNdjson({ text: MULTI_BYTE_TEXT }))
    expect(await decode(...byteByByte(bytes))).toEqual([{ text: MULTI_BYTE_TEXT }])
  })

  it('round-trips what encodeNdjson wrote', async () => {
    const values = [
      { id: 1, text: 'a\nb' },
      [1, 'two', null],
      'three',
      4.5,
      false,
      null,
      { nested: { ok: true } },
    ]
    expect(await decode(values.map(encodeNdjson).join(''))).toEqual(values)
  })

  it('throws a ParseError with the 1-based line number of a line that is not JSON', async () => {
    const error = await rejection(decode('1\n\n{"a":\n3\n'))
    expect(ParseError.isInstance(error)).toBe(true)
    expect((error as ParseError).line).toBe(3)
    expect((error as ParseError).cause).toBeInstanceOf(SyntaxError)
  })

  it('counts CRLF and CR line ends once each in the line number', async () => {
    const error = await rejection(decode('1\r\n2\r3\r\nnope\r\n'))
    expect((error as ParseError).line).toBe(4)
  })

  it('throws a ParseError for an unterminated last line that is not JSON', async () => {
    const error = await rejection(decode('1\n{"cut'))
    expect((error as ParseError).line).toBe(2)
  })

  it('yields the values before a bad line, then throws', async () => {
    const values: unknown[] = []
    const error = await rejection(
      (async () => {
        for await (const value of decodeNdjson(byteStream(['1\n2\nbad\n3\n']).stream)) values.push(value)
      })(),
    )
    expect(values).toEqual([1, 2])
    expect(ParseError.isInstance(error)).toBe(true)
  })

  it('cancels the source after a bad line', async () => {
    const { stream, cancelled } = byteStream(['bad\n', '1\n'])
    await rejection(collect(decodeNdjson(stream)))
    expect(cancelled.count).toBe(1)
  })

  it('throws an ErrorFrameError with message and frameCode for the $error envelope', async () => {
    const error = await rejection(
      decode('1\n', encodeNdjsonError({ message: 'Search failed', code: 'search' })),
    )
    expect(ErrorFrameError.isInstance(error)).toBe(true)
    expect((error as ErrorFrameError).message).toBe('Search failed')
    expect((error as ErrorFrameError).frameCode).toBe('search')
  })

  it('yields the values before an error frame, then throws it', async () => {
    const values: unknown[] = []
    const error = await rejection(
      (async () => {
        for await (const value of decodeNdjson(byteStream(['1\n{"$error":{"message":"x"}}\n2\n']).stream)) {
          values.push(value)
        }
      })(),
    )
    expect(values).toEqual([1])
    expect(ErrorFrameError.isInstance(error)).toBe(true)
  })

  it('reads an envelope whose $error is a bare string as the message', async () => {
    const error = await rejection(decode('{"$error":"Quota exceeded"}\n'))
    expect((error as ErrorFrameError).message).toBe('Quota exceeded')
    expect((error as ErrorFrameError).frameCode).toBeUndefined()
  })

  it('uses the default message for an envelope without a usable message', async () => {
    const error = await rejection(decode('{"$error":{"code":"x"}}\n'))
    expect((error as ErrorFrameError).message).toBe(DEFAULT_ERROR_MESSAGE)
  })

  it('yields an object that has $error next to other keys as a normal value', async () => {
    expect(await decode('{"$error":"no","other":1}\n')).toEqual([{ $error: 'no', other: 1 }])
  })

  it('yields an array containing an envelope-like object as a normal value', async () => {
    expect(await decode('[{"$error":"no"}]\n')).toEqual([[{ $error: 'no' }]])
  })

  it('does work linear in the input for a 1 MB line in 1-byte chunks', async () => {
    const megabyte = 1 << 20
    const bytes = utf8(encodeNdjson({ text: '€'.repeat(megabyte / 4) }))
    const work = await countCharacterWork(async () => {
      const values = (await collect(decodeNdjson(chunked(bytes, 1)))) as Array<{ text: string }>
      expect(values[0]?.text).toHaveLength(megabyte / 4)
    }, 8 * megabyte)
    expect(work).toBeGreaterThanOrEqual(megabyte / 4)
  }, 60_000)

  it('cancels the ReadableStream when the consumer breaks early', async () => {
    const { stream, cancelled } = byteStream(['1\n2\n', '3\n'])
    for await (const value of decodeNdjson(stream)) {
      expect(value).toBe(1)
      break
    }
    expect(cancelled.count).toBe(1)
    expect(stream.locked).toBe(false)
  })

  it('rejects the pending read and cancels the stream when the signal aborts', async () => {
    const { stream, cancelled } = silentStream()
    const controller = new AbortController()
    const next = decodeNdjson(stream, { signal: controller.signal }).next()
    controller.abort()
    await expect(next).rejects.toMatchObject({ name: 'AbortError' })
    expect(cancelled.count).toBe(1)
  })

  it('stops yielding values already parsed from a chunk once the signal aborts', async () => {
    const { stream, cancelled } = byteStream(['1\n2\n3\n'])
    const controller = new AbortController()
    const values = decodeNdjson(stream, { signal: controller.signal })
    expect(await values.next()).toEqual({ done: false, value: 1 })
    controller.abort()
    await expect(values.next()).rejects.toMatchObject({ name: 'AbortError' })
    expect(cancelled.count).toBe(1)
  })
})
