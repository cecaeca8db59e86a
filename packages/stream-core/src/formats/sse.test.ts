import { describe, expect, it } from 'vitest'
import { EncodeError } from '../errors/encode-error'
import { ErrorFrameError } from '../errors/error-frame-error'
import { type DecodeSseOptions, decodeSse, encodeSse, encodeSseData, encodeSseError } from './sse'
import type { SseEvent, SseMessage } from './sse-types'
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

/** Decodes `chunks` (strings or bytes) as SSE and collects the events. */
const decode = (chunks: Array<string | Uint8Array>, options?: DecodeSseOptions) =>
  collect(decodeSse(byteStream(chunks).stream, options))

/** The error `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('encodeSse', () => {
  it('encodes string data as a data line and ends the frame with a blank line', () => {
    expect(encodeSse({ data: 'hello' })).toBe('data: hello\n\n')
  })

  it('writes event, id and retry before data', () => {
    expect(encodeSse({ data: 'x', retry: 1000, id: 'a1', event: 'update' })).toBe(
      'event: update\nid: a1\nretry: 1000\ndata: x\n\n',
    )
  })

  it('splits string data on LF into several data lines', () => {
    expect(encodeSse({ data: 'a\nb' })).toBe('data: a\ndata: b\n\n')
  })

  it('splits string data on CR and CRLF too', () => {
    expect(encodeSse({ data: 'a\rb\r\nc' })).toBe('data: a\ndata: b\ndata: c\n\n')
  })

  it('keeps empty lines of string data as empty data lines', () => {
    expect(encodeSse({ data: '\na\n' })).toBe('data:\ndata: a\ndata:\n\n')
  })

  it('encodes empty string data as one empty data line (an event with empty data)', () => {
    expect(encodeSse({ data: '' })).toBe('data:\n\n')
  })

  it('keeps a leading space of the data (the decoder strips only the one the encoder adds)', () => {
    expect(encodeSse({ data: ' x' })).toBe('data:  x\n\n')
  })

  it('encodes non-string data as one line of JSON', () => {
    expect(encodeSse({ data: { text: 'a\nb', n: 1 } })).toBe('data: {"text":"a\\nb","n":1}\n\n')
  })

  it('encodes null data as JSON null', () => {
    expect(encodeSse({ data: null })).toBe('data: null\n\n')
  })

  it('encodes a numeric id', () => {
    expect(encodeSse({ id: 7, data: 'x' })).toBe('id: 7\ndata: x\n\n')
  })

  it('encodes an empty id as an empty id field, which resets the last event ID', () => {
    expect(encodeSse({ id: '', data: 'x' })).toBe('id:\ndata: x\n\n')
  })

  it('encodes a message without data (it sets id / retry but dispatches no event)', () => {
    expect(encodeSse({ id: '5', retry: 0 })).toBe('id: 5\nretry: 0\n\n')
  })

  it('encodes a comment-only message as a comment line', () => {
    expect(encodeSse({ comment: 'ping' })).toBe(': ping\n\n')
  })

  it('prefixes every line of a multi-line comment', () => {
    expect(encodeSse({ comment: 'a\nb\r\nc' })).toBe(': a\n: b\n: c\n\n')
  })

  it('encodes an empty comment as a bare colon', () => {
    expect(encodeSse({ comment: '' })).toBe(':\n\n')
  })

  it('writes the comment before the fields', () => {
    expect(encodeSse({ comment: 'c', data: 'd' })).toBe(': c\ndata: d\n\n')
  })

  it('encodes a message with no field as an empty comment', () => {
    expect(encodeSse({})).toBe(':\n\n')
  })

  it('throws an EncodeError for an event name containing LF or CR', () => {
    expect(() => encodeSse({ event: 'a\nb', data: 'x' })).toThrow(EncodeError)
    expect(() => encodeSse({ event: 'a\rb', data: 'x' })).toThrow(EncodeError)
  })

  it('throws an EncodeError for an id containing LF or CR', () => {
    expect(() => encodeSse({ id: '1\n2' })).toThrow(EncodeError)
    expect(() => encodeSse({ id: '1\r2' })).toThrow(EncodeError)
  })

  it('throws an EncodeError for an id containing NUL', () => {
    expect(() => encodeSse({ id: 'a\u0000b' })).toThrow(EncodeError)
  })

  it('throws an EncodeError for a non-finite numeric id', () => {
    expect(() => encodeSse({ id: Number.NaN })).toThrow(EncodeError)
    expect(() => encodeSse({ id: Number.POSITIVE_INFINITY })).toThrow(EncodeError)
  })

  it('throws an EncodeError for a negative, fractional or non-numeric retry', () => {
    for (const retry of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '100']) {
      expect(() => encodeSse({ retry: retry as number })).toThrow(EncodeError)
    }
  })

  it('throws an EncodeError for data JSON cannot carry', () => {
    expect(() => encodeSse({ data: 1n })).toThrow(EncodeError)
    expect(() => encodeSse({ data: () => 1 })).toThrow(EncodeError)
  })

  it('throws an EncodeError for fields of the wrong type', () => {
    expect(() => encodeSse({ event: 1 as unknown as string })).toThrow(EncodeError)
    expect(() => encodeSse({ comment: {} as unknown as string })).toThrow(EncodeError)
    expect(() => encodeSse({ id: {} as unknown as string })).toThrow(EncodeError)
    expect(() => encodeSse(null as unknown as SseMessage)).toThrow(EncodeError)
  })
})

describe('encodeSseData', () => {
  it.each([['word'], [''], ['two\nlines'], ['cr\rand crlf\r\n'], [{ n: 1 }], [null], [0]])(
    'writes the same frame as encodeSse({ data }) for %j',
    (data) => {
      expect(encodeSseData(data)).toBe(encodeSse({ data }))
    },
  )

  it('throws an EncodeError for undefined data instead of sending an empty frame', () => {
    expect(() => encodeSseData(undefined)).toThrow(EncodeError)
  })

  it.each([1, 31, 32, 33, 200])('splits %i-character data at a CR or LF wherever it is', (length) => {
    for (const lineBreak of ['\n', '\r', '\r\n']) {
      for (const at of [0, Math.floor(length / 2), length]) {
        const data = 'x'.repeat(at) + lineBreak + 'y'.repeat(length - at)
        const lines = data.split(/\r\n|\r|\n/)
        expect(encodeSseData(data)).toBe(
          `${lines.map((line) => (line ? `data: ${line}` : 'data:')).join('\n')}\n\n`,
        )
      }
    }
    expect(encodeSseData('z'.repeat(length))).toBe(`data: ${'z'.repeat(length)}\n\n`)
  })
})

describe('encodeSseError', () => {
  it('encodes the frame as an error event with JSON data', () => {
    expect(encodeSseError({ message: 'Generation failed', code: 'model' })).toBe(
      'event: error\ndata: {"message":"Generation failed","code":"model"}\n\n',
    )
  })

  it('keeps a multi-line message on one data line', () => {
    expect(encodeSseError({ message: 'a\nb' })).toBe('event: error\ndata: {"message":"a\\nb"}\n\n')
  })

  it('writes only message and code', () => {
    const frame = { message: 'm', cause: 'secret' } as unknown as { message: string }
    expect(encodeSseError(frame)).toBe('event: error\ndata: {"message":"m"}\n\n')
  })

  it('throws an EncodeError for a frame without a string message', () => {
    expect(() => encodeSseError({} as { message: string })).toThrow(EncodeError)
  })
})

describe('decodeSse', () => {
  it('yields events from a ReadableStream of bytes', async () => {
    expect(await decode(['event: a\ndata: 1\n\n', 'data: 2\n\n'])).toEqual([
      { event: 'a', data: '1', id: '' },
      { event: 'message', data: '2', id: '' },
    ])
  })

  it('yields events from an async iterable of bytes', async () => {
    expect(await collect(decodeSse(byteIterable(['data: 1\n\n']).iterable))).toEqual([
      { event: 'message', data: '1', id: '' },
    ])
  })

  it('keeps the last event ID across events', async () => {
    const events = await decode(['id: 1\ndata: a\n\n', 'data: b\n\nid:\ndata: c\n\n'])
    expect(events.map((event) => event.id)).toEqual(['1', '1', ''])
  })

  it('starts from the lastEventId option', async () => {
    expect((await decode(['data: a\n\n'], { lastEventId: '9' }))[0]?.id).toBe('9')
  })

  it('drops an incomplete event at the end of the stream', async () => {
    expect(await decode(['data: 1\n\n', 'data: 2\n'])).toHaveLength(1)
  })

  it('reports retry through onRetry', async () => {
    const retries: number[] = []
    await decode(['retry: 2500\n\n'], { onRetry: (ms) => retries.push(ms) })
    expect(retries).toEqual([2500])
  })

  it('reports comments through onComment', async () => {
    const comments: string[] = []
    await decode([': ping\n\n'], { onComment: (text) => comments.push(text) })
    expect(comments).toEqual(['ping'])
  })

  it('treats a CRLF split between two chunks as one line end', async () => {
    expect(await decode(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([
      { event: 'message', data: 'a\nb', id: '' },
    ])
  })

  it('strips a BOM at the start of the stream', async () => {
    expect(await decode([new Uint8Array([0xef, 0xbb, 0xbf]), 'data: x\n\n'])).toEqual([
      { event: 'message', data: 'x', id: '' },
    ])
  })

  it('strips a BOM whose bytes are split between chunks', async () => {
    expect(await decode([new Uint8Array([0xef]), new Uint8Array([0xbb, 0xbf]), 'data: x\n\n'])).toHaveLength(
      1,
    )
  })

  it('strips only one BOM: after two, the first line is an unknown field', async () => {
    expect(await decode([new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), 'data: x\n\n'])).toEqual([])
  })

  it('decodes 2-, 3- and 4-byte characters split at every byte position', async () => {
    const bytes = utf8(`event: ${MULTI_BYTE_TEXT}\ndata: ${MULTI_BYTE_TEXT}\ndata: ${MULTI_BYTE_TEXT}\n\n`)
    const expected = [{ event: MULTI_BYTE_TEXT, data: `${MULTI_BYTE_TEXT}\n${MULTI_BYTE_TEXT}`, id: '' }]
    for (const [head, tail] of everyTwoWaySplit(bytes)) {
      expect(await decode([head, tail])).toEqual(expected)
    }
  })

  it('decodes multi-byte characters fed one byte at a time', async () => {
    const bytes = utf8(`id: ${MULTI_BYTE_TEXT}\r\ndata: ${MULTI_BYTE_TEXT}\r\n\r\n`)
    expect(await decode(byteByByte(bytes))).toEqual([
      { event: 'message', data: MULTI_BYTE_TEXT, id: MULTI_BYTE_TEXT },
    ])
  })

  it('round-trips what encodeSse wrote', async () => {
    const messages: SseMessage[] = [
      { data: 'plain' },
      { event: 'update', id: 1, data: { n: 1, text: 'é\n😀' } },
      { data: 'multi\nline\r\ntext\rhere' },
      { comment: 'heartbeat' },
      { retry: 100 },
      { data: ' leading and trailing spaces ' },
      { id: '', data: '' },
      { event: 'e', data: '\n' },
    ]
    const expected: SseEvent[] = [
      { event: 'message', data: 'plain', id: '' },
      { event: 'update', data: '{"n":1,"text":"é\\n😀"}', id: '1' },
      { event: 'message', data: 'multi\nline\ntext\nhere', id: '1' },
      { event: 'message', data: ' leading and trailing spaces ', id: '1' },
      { event: 'message', data: '', id: '' },
      { event: 'e', data: '\n', id: '' },
    ]
    const comments: string[] = []
    const retries: number[] = []
    const events = await decode([messages.map(encodeSse).join('')], {
      onComment: (text) => comments.push(text),
      onRetry: (ms) => retries.push(ms),
    })
    expect(events).toEqual(expected)
    expect(comments).toEqual(['heartbeat'])
    expect(retries).toEqual([100])
  })

  it('round-trips a multi-line comment', async () => {
    const comments: string[] = []
    await decode([encodeSse({ comment: 'a\nb' })], { onComment: (text) => comments.push(text) })
    expect(comments).toEqual(['a', 'b'])
  })

  it('throws the ErrorFrameError of an encodeSseError frame after the events before it', async () => {
    const seen: SseEvent[] = []
    const error = await rejection(
      (async () => {
        const frames = encodeSse({ data: 'first' }) + encodeSseError({ message: 'Failed', code: 'x' })
        for await (const event of decodeSse(byteStream([frames, 'data: later\n\n']).stream)) seen.push(event)
      })(),
    )
    expect(seen.map((event) => event.data)).toEqual(['first'])
    expect(ErrorFrameError.isInstance(error)).toBe(true)
    expect((error as ErrorFrameError).message).toBe('Failed')
    expect((error as ErrorFrameError).frameCode).toBe('x')
  })

  it('cancels the source after an error frame', async () => {
    const { stream, cancelled } = byteStream([encodeSseError({ message: 'm' }), 'data: 1\n\n'])
    await rejection(collect(decodeSse(stream)))
    expect(cancelled.count).toBe(1)
  })

  it('yields error events as normal events when errorEvent is null', async () => {
    expect(await decode([encodeSseError({ message: 'm' })], { errorEvent: null })).toEqual([
      { event: 'error', data: '{"message":"m"}', id: '' },
    ])
  })

  it('treats events named by a custom errorEvent as error frames', async () => {
    const error = await rejection(decode(['event: oops\ndata: {"message":"m"}\n\n'], { errorEvent: 'oops' }))
    expect(ErrorFrameError.isInstance(error)).toBe(true)
  })

  it('does work linear in the input for a 1 MB data line in 1-byte chunks', async () => {
    const megabyte = 1 << 20
    const bytes = utf8(`data: ${'😀'.repeat(megabyte / 4)}\n\n`)
    const work = await countCharacterWork(async () => {
      const events = await collect(decodeSse(chunked(bytes, 1)))
      expect(events[0]?.data).toHaveLength(megabyte / 2)
    }, 8 * megabyte)
    // ~megabyte / 2 UTF-16 units; a quadratic parser would do ~(megabyte / 2)^2 / 2 work (over the budget).
    expect(work).toBeGreaterThanOrEqual(megabyte / 2)
  }, 60_000)

  it('does work linear in the input for many events in tiny chunks', async () => {
    const run = (count: number) =>
      countCharacterWork(
        async () => {
          const bytes = utf8('id: 1\nevent: e\ndata: é\n\n'.repeat(count))
          expect(await collect(decodeSse(chunked(bytes, 3)))).toHaveLength(count)
        },
        10 * 25 * count,
      )
    const once = await run(5_000)
    const twice = await run(10_000)
    expect(twice / once).toBeLessThan(2.5)
  }, 60_000)

  it('cancels the ReadableStream when the consumer breaks early', async () => {
    const { stream, cancelled } = byteStream(['data: 1\n\ndata: 2\n\n', 'data: 3\n\n'])
    for await (const event of decodeSse(stream)) {
      expect(event.data).toBe('1')
      break
    }
    expect(cancelled.count).toBe(1)
    expect(stream.locked).toBe(false)
  })

  it('calls return() on an async iterable source when the consumer breaks early', async () => {
    const { iterable, returned } = byteIterable(['data: 1\n\n', 'data: 2\n\n'])
    for await (const _ of decodeSse(iterable)) break
    expect(returned.count).toBe(1)
  })

  it('rejects the pending read with the abort reason and cancels the stream when the signal aborts', async () => {
    const { stream, cancelled } = silentStream()
    const controller = new AbortController()
    const reason = new Error('user stopped')
    const next = decodeSse(stream, { signal: controller.signal }).next()
    controller.abort(reason)
    await expect(next).rejects.toBe(reason)
    expect(cancelled.count).toBe(1)
    expect(cancelled.reason).toBe(reason)
  })

  it('stops yielding events already parsed from a chunk once the signal aborts', async () => {
    const { stream, cancelled } = byteStream(['data: 1\n\ndata: 2\n\n'])
    const controller = new AbortController()
    const events = decodeSse(stream, { signal: controller.signal })
    expect((await events.next()).value).toEqual({ event: 'message', data: '1', id: '' })
    controller.abort()
    await expect(events.next()).rejects.toMatchObject({ name: 'AbortError' })
    expect(cancelled.count).toBe(1)
  })
})
