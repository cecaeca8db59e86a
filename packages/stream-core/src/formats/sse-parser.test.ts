import { describe, expect, it } from 'vitest'
import { DEFAULT_ERROR_MESSAGE } from '../errors/error-frame'
import { ErrorFrameError } from '../errors/error-frame-error'
import { createSseParser, type SseParserOptions } from './sse-parser'
import type { SseEvent } from './sse-types'

/** Feeds `pieces` (text or bytes) to a fresh parser, ends it, and returns everything it reported. */
function parse(pieces: Array<string | Uint8Array>, options: Partial<SseParserOptions> = {}) {
  const events: SseEvent[] = []
  const retries: number[] = []
  const comments: string[] = []
  const parser = createSseParser({
    onEvent: (event) => events.push(event),
    onRetry: (ms) => retries.push(ms),
    onComment: (text) => comments.push(text),
    ...options,
  })
  for (const piece of pieces) parser.feed(piece)
  parser.end()
  return { events, retries, comments, lastEventId: parser.lastEventId }
}

/** The events of `text` fed in one piece. */
const events = (...pieces: string[]) => parse(pieces).events

/** The error thrown while parsing `pieces`. */
function parseError(pieces: string[], options: Partial<SseParserOptions> = {}): unknown {
  try {
    parse(pieces, options)
  } catch (error) {
    return error
  }
  throw new Error('expected the parser to throw')
}

describe('createSseParser: dispatch', () => {
  it('dispatches an event at a blank line', () => {
    expect(events('data: hello\n\n')).toEqual([{ event: 'message', data: 'hello', id: '' }])
  })

  it('dispatches nothing before the blank line arrives', () => {
    const seen: SseEvent[] = []
    const parser = createSseParser({ onEvent: (event) => seen.push(event) })
    parser.feed('data: hello\n')
    expect(seen).toEqual([])
    parser.feed('\n')
    expect(seen).toHaveLength(1)
  })

  it('dispatches several events in order', () => {
    expect(events('data: 1\n\ndata: 2\n\n').map((event) => event.data)).toEqual(['1', '2'])
  })

  it("uses 'message' as the event type when there is no event field", () => {
    expect(events('data: x\n\n')[0]?.event).toBe('message')
  })

  it('uses the event field as the event type', () => {
    expect(events('event: update\ndata: x\n\n')[0]?.event).toBe('update')
  })

  it("uses 'message' when the event field is empty", () => {
    expect(events('event:\ndata: x\n\n')[0]?.event).toBe('message')
  })

  it('resets the event type after each dispatch', () => {
    expect(events('event: a\ndata: 1\n\ndata: 2\n\n').map((event) => event.event)).toEqual(['a', 'message'])
  })

  it('keeps the last event field when there are several', () => {
    expect(events('event: a\nevent: b\ndata: x\n\n')[0]?.event).toBe('b')
  })

  it('dispatches no event for a message without data', () => {
    expect(events('event: ping\n\n')).toEqual([])
  })

  it('resets the event type of a message without data', () => {
    expect(events('event: ping\n\ndata: x\n\n')[0]?.event).toBe('message')
  })

  it('dispatches nothing for blank lines alone', () => {
    expect(events('\n\n\n')).toEqual([])
  })

  it('drops an incomplete event at the end of the stream', () => {
    expect(events('data: 1\n\ndata: 2\n')).toEqual([{ event: 'message', data: '1', id: '' }])
  })

  it('drops a last line that has no line end', () => {
    expect(events('data: 1\n\ndata: 2')).toHaveLength(1)
  })
})

describe('createSseParser: data', () => {
  it('joins several data lines with LF', () => {
    expect(events('data: a\ndata: b\ndata: c\n\n')[0]?.data).toBe('a\nb\nc')
  })

  it('keeps one LF for an empty last data line (only the final LF is removed)', () => {
    expect(events('data: a\ndata:\n\n')[0]?.data).toBe('a\n')
  })

  it('keeps an empty first data line as a leading LF', () => {
    expect(events('data:\ndata: b\n\n')[0]?.data).toBe('\nb')
  })

  it('dispatches an event with empty data for an empty data field', () => {
    expect(events('data:\n\n')).toEqual([{ event: 'message', data: '', id: '' }])
  })

  it('joins data lines around comments and other fields', () => {
    expect(events('data: a\n: note\nevent: e\ndata: b\n\n')[0]).toEqual({ event: 'e', data: 'a\nb', id: '' })
  })

  it('keeps a very long data line intact', () => {
    const long = 'x'.repeat(100_000)
    expect(events(`data: ${long}\n\n`)[0]?.data).toBe(long)
  })
})

describe('createSseParser: field syntax', () => {
  it('strips exactly one space after the colon', () => {
    expect(events('data:  two spaces\n\n')[0]?.data).toBe(' two spaces')
  })

  it('reads the value right after the colon when there is no space', () => {
    expect(events('data:tight\n\n')[0]?.data).toBe('tight')
  })

  it('does not strip a tab after the colon', () => {
    expect(events('data:\tx\n\n')[0]?.data).toBe('\tx')
  })

  it('keeps trailing spaces of a value', () => {
    expect(events('data: x  \n\n')[0]?.data).toBe('x  ')
  })

  it('splits at the first colon only', () => {
    expect(events('data: a: b:c\n\n')[0]?.data).toBe('a: b:c')
  })

  it('treats a line without a colon as a field name with an empty value', () => {
    expect(events('data\n\n')).toEqual([{ event: 'message', data: '', id: '' }])
  })

  it('treats a colon-less data line as an empty data line when joining', () => {
    expect(events('data: a\ndata\ndata: b\n\n')[0]?.data).toBe('a\n\nb')
  })

  it("treats a colon-less event line as an empty event type ('message')", () => {
    expect(events('event: x\nevent\ndata: d\n\n')[0]?.event).toBe('message')
  })

  it('treats the space-padded name before a colon as a different, unknown field', () => {
    expect(events('data : x\n\n')).toEqual([])
  })

  it('matches field names case-sensitively', () => {
    expect(events('Data: x\nDATA: y\n\n')).toEqual([])
  })

  it('ignores unknown fields', () => {
    expect(events('foo: bar\ndata: x\nbaz\n\n')).toEqual([{ event: 'message', data: 'x', id: '' }])
  })

  it('reads a field whose value starts right at the end of the line', () => {
    expect(events('event:\ndata:\n\n')).toEqual([{ event: 'message', data: '', id: '' }])
  })
})

describe('createSseParser: line ends', () => {
  const expected = [
    { event: 'message', data: 'a\nb', id: '' },
    { event: 'message', data: 'c', id: '' },
  ]

  it('accepts LF line ends', () => {
    expect(events('data: a\ndata: b\n\ndata: c\n\n')).toEqual(expected)
  })

  it('accepts CR line ends', () => {
    expect(events('data: a\rdata: b\r\rdata: c\r\r')).toEqual(expected)
  })

  it('accepts CRLF line ends', () => {
    expect(events('data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n')).toEqual(expected)
  })

  it('accepts mixed line ends', () => {
    expect(events('data: a\rdata: b\r\n\ndata: c\n\r')).toEqual(expected)
  })

  it('treats a CRLF split between two pieces as one line end', () => {
    expect(events('data: a\r', '\ndata: b\r', '\n\r', '\ndata: c\r\n\r\n')).toEqual(expected)
  })

  it('gives the same events for every two-piece split of a stream', () => {
    const text = 'id: 1\r\nevent: e\rdata: a\ndata: b\r\n\r\n: c\ndata: x\r\rretry: 5\n'
    const whole = parse([text])
    for (let i = 0; i <= text.length; i++) {
      expect(parse([text.slice(0, i), text.slice(i)])).toEqual(whole)
    }
  })
})

describe('createSseParser: byte order mark', () => {
  it('strips one BOM at the start of the stream', () => {
    expect(events('\uFEFFdata: x\n\n')).toEqual([{ event: 'message', data: 'x', id: '' }])
  })

  it('strips a BOM that arrives alone in the first piece', () => {
    expect(events('\uFEFF', 'data: x\n\n')).toHaveLength(1)
  })

  it('strips the BOM when empty pieces come first', () => {
    expect(events('', '\uFEFFdata: x\n\n')).toHaveLength(1)
  })

  it('strips only one BOM: a second one makes the first line an unknown field', () => {
    expect(events('\uFEFF\uFEFFdata: x\n\n')).toEqual([])
  })

  it('does not strip a BOM later in the stream', () => {
    expect(events('data: 1\n\n', '\uFEFFdata: 2\n\n').map((event) => event.data)).toEqual(['1'])
  })

  it('does not strip a BOM inside a value', () => {
    expect(events('data: \uFEFFx\n\n')[0]?.data).toBe('\uFEFFx')
  })
})

describe('createSseParser: id', () => {
  it('sets the id of the event', () => {
    expect(events('id: 42\ndata: x\n\n')[0]?.id).toBe('42')
  })

  it("gives '' as id when no id was ever sent", () => {
    expect(events('data: x\n\n')[0]?.id).toBe('')
  })

  it('keeps the last event ID for following events without an id field', () => {
    expect(events('id: 1\ndata: a\n\ndata: b\n\n').map((event) => event.id)).toEqual(['1', '1'])
  })

  it('applies an id sent in a message without data to the following events', () => {
    expect(events('id: 7\n\ndata: x\n\n')[0]?.id).toBe('7')
  })

  it("resets the last event ID to '' for an id field with an empty value", () => {
    expect(events('id: 1\ndata: a\n\nid:\ndata: b\n\n').map((event) => event.id)).toEqual(['1', ''])
  })

  it("resets the last event ID to '' for a colon-less id line", () => {
    expect(events('id: 1\ndata: a\n\nid\ndata: b\n\n')[1]?.id).toBe('')
  })

  it('ignores an id that contains NUL', () => {
    expect(events('id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n').map((event) => event.id)).toEqual(['1', '1'])
  })

  it('ignores a colon-less-looking id that contains NUL', () => {
    expect(events('id:\u0000\ndata: b\n\n')[0]?.id).toBe('')
  })

  it('keeps spaces inside an id', () => {
    expect(events('id:  a b \ndata: x\n\n')[0]?.id).toBe(' a b ')
  })

  it('uses the last id field of a message', () => {
    expect(events('id: 1\nid: 2\ndata: x\n\n')[0]?.id).toBe('2')
  })

  it('exposes the last event ID, updated at each blank line', () => {
    const parser = createSseParser({ onEvent: () => {} })
    parser.feed('id: 5\n')
    expect(parser.lastEventId).toBe('')
    parser.feed('\n')
    expect(parser.lastEventId).toBe('5')
  })

  it('does not take the id of a message cut off by the end of the stream', () => {
    expect(parse(['id: 1\n\nid: 2\n']).lastEventId).toBe('1')
  })

  it('starts from the lastEventId option', () => {
    expect(parse(['data: x\n\n'], { lastEventId: 'prev' }).events[0]?.id).toBe('prev')
  })

  it('keeps the last event ID for the next stream after end()', () => {
    const seen: SseEvent[] = []
    const parser = createSseParser({ onEvent: (event) => seen.push(event) })
    parser.feed('id: 3\ndata: a\n\nid: 4\n')
    parser.end()
    parser.feed('data: b\n\n')
    expect(seen.map((event) => event.id)).toEqual(['3', '3'])
  })
})

describe('createSseParser: retry', () => {
  it('reports a retry field of ASCII digits in milliseconds', () => {
    expect(parse(['retry: 3000\n']).retries).toEqual([3000])
  })

  it('reports retry without waiting for the blank line', () => {
    const retries: number[] = []
    const parser = createSseParser({ onEvent: () => {}, onRetry: (ms) => retries.push(ms) })
    parser.feed('retry: 10\n')
    expect(retries).toEqual([10])
  })

  it('reports a retry of 0 and reads leading zeros as decimal', () => {
    expect(parse(['retry: 0\nretry: 0100\n']).retries).toEqual([0, 100])
  })

  it('ignores a retry value with a non-digit', () => {
    expect(parse(['retry: 10a\nretry: 1.5\nretry: -1\nretry: 1e3\nretry: +5\n']).retries).toEqual([])
  })

  it('ignores a retry value with spaces beyond the one after the colon', () => {
    expect(parse(['retry:  100\nretry: 100 \n']).retries).toEqual([])
  })

  it('ignores an empty retry value', () => {
    expect(parse(['retry:\nretry\n']).retries).toEqual([])
  })

  it('ignores non-ASCII digits', () => {
    expect(parse(['retry: \u0661\u0662\n']).retries).toEqual([])
  })

  it('does not dispatch an event for a retry-only message', () => {
    expect(parse(['retry: 5\n\n']).events).toEqual([])
  })

  it('ignores a retry line cut off by the end of the stream', () => {
    expect(parse(['retry: 5']).retries).toEqual([])
  })
})

describe('createSseParser: comments', () => {
  it('reports a comment without the colon and one space', () => {
    expect(parse([': hello\n']).comments).toEqual(['hello'])
  })

  it('reports a comment without a space after the colon', () => {
    expect(parse([':hello\n']).comments).toEqual(['hello'])
  })

  it('strips only one space of a comment', () => {
    expect(parse([':  indented\n']).comments).toEqual([' indented'])
  })

  it('reports an empty comment', () => {
    expect(parse([':\n']).comments).toEqual([''])
  })

  it('dispatches no event for comments', () => {
    expect(parse([': ping\n\n']).events).toEqual([])
  })

  it('does not disturb the event around it', () => {
    expect(events('data: a\n: c\ndata: b\n\n')[0]?.data).toBe('a\nb')
  })

  it('works without an onComment callback', () => {
    const seen: SseEvent[] = []
    const parser = createSseParser({ onEvent: (event) => seen.push(event) })
    parser.feed(': ping\ndata: x\n\n')
    expect(seen).toHaveLength(1)
  })
})

describe('createSseParser: error events', () => {
  it('throws an ErrorFrameError with message and frameCode for an error event with frame JSON', () => {
    const error = parseError(['event: error\ndata: {"message":"Model failed","code":"model"}\n\n'])
    expect(ErrorFrameError.isInstance(error)).toBe(true)
    expect((error as ErrorFrameError).message).toBe('Model failed')
    expect((error as ErrorFrameError).frameCode).toBe('model')
  })

  it('leaves frameCode undefined when the frame has no string code', () => {
    const error = parseError(['event: error\ndata: {"message":"m","code":5}\n\n'])
    expect((error as ErrorFrameError).frameCode).toBeUndefined()
  })

  it('uses the raw data as the message when it is not JSON', () => {
    const error = parseError(['event: error\ndata: Something broke\n\n'])
    expect(ErrorFrameError.isInstance(error)).toBe(true)
    expect((error as ErrorFrameError).message).toBe('Something broke')
  })

  it('uses the raw data as the message when the JSON is not a frame', () => {
    expect((parseError(['event: error\ndata: {"detail":"x"}\n\n']) as Error).message).toBe('{"detail":"x"}')
    expect((parseError(['event: error\ndata: 42\n\n']) as Error).message).toBe('42')
  })

  it('uses the default message when the error event has empty data', () => {
    expect((parseError(['event: error\ndata:\n\n']) as Error).message).toBe(DEFAULT_ERROR_MESSAGE)
  })

  it('dispatches the events before the error event first', () => {
    const seen: SseEvent[] = []
    expect(() => {
      const parser = createSseParser({ onEvent: (event) => seen.push(event) })
      parser.feed('data: 1\n\nevent: error\ndata: {"message":"m"}\n\ndata: 2\n\n')
    }).toThrow(ErrorFrameError)
    expect(seen.map((event) => event.data)).toEqual(['1'])
  })

  it('does not treat an error event without data as an error (nothing is dispatched)', () => {
    expect(parse(['event: error\n\n']).events).toEqual([])
  })

  it('uses a custom error event name', () => {
    expect(
      ErrorFrameError.isInstance(parseError(['event: failure\ndata: x\n\n'], { errorEvent: 'failure' })),
    ).toBe(true)
    expect(parse(['event: error\ndata: x\n\n'], { errorEvent: 'failure' }).events).toEqual([
      { event: 'error', data: 'x', id: '' },
    ])
  })

  it('dispatches error events as normal events when errorEvent is null', () => {
    expect(parse(['event: error\ndata: {"message":"m"}\n\n'], { errorEvent: null }).events).toEqual([
      { event: 'error', data: '{"message":"m"}', id: '' },
    ])
  })
})

describe('createSseParser: fed bytes', () => {
  const utf8 = new TextEncoder()
  /** Feeds byte pieces (strings are UTF-8 encoded first; arrays are raw bytes) and reports like `parse`. */
  const parseBytes = (pieces: Array<string | number[]>, options: Partial<SseParserOptions> = {}) =>
    parse(
      pieces.map((piece) => (typeof piece === 'string' ? utf8.encode(piece) : new Uint8Array(piece))),
      options,
    )

  const STREAM =
    'id: 1\r\nevent: ünïcode\rdata: 日本\ndata: 😀 b\r\n\r\n: cömment\ndata: x\r\rretry: 5\n:\n\nid\ndata: € last\n\ndata: cut off'

  it('reports the same as for the decoded text, for every two-piece split of the bytes', () => {
    const bytes = [...utf8.encode(STREAM)]
    const whole = parse([STREAM])
    expect(whole.events.length).toBe(3)
    for (let i = 0; i <= bytes.length; i++) {
      expect(parseBytes([bytes.slice(0, i), bytes.slice(i)])).toEqual(whole)
    }
  })

  it('reports the same as for the decoded text when fed one byte at a time', () => {
    expect(parseBytes([...utf8.encode(STREAM)].map((byte) => [byte]))).toEqual(parse([STREAM]))
  })

  it('reports the same for large chunks (decoded through their last line end)', () => {
    const long = STREAM.repeat(50)
    expect(parseBytes([long.slice(0, 3000), long.slice(3000)])).toEqual(parse([long]))
  })

  it('calls each callback during the feed that completes what it reports', () => {
    const calls: string[] = []
    const parser = createSseParser({
      onEvent: (event) => calls.push(`event ${event.data.replace('\n', '+')}`),
      onRetry: (ms) => calls.push(`retry ${ms}`),
      onComment: (text) => calls.push(`comment ${text}`),
    })
    const feed = (text: string) => {
      parser.feed(utf8.encode(text))
      calls.push('|')
    }
    feed('data: a\n')
    feed(': ping\n')
    feed('retry: 9')
    feed('9\r')
    feed('\ndata: b\n')
    feed('\n')
    expect(calls.join(' ')).toBe('| comment ping | | retry 99 | | event a+b |')
  })

  it('reports a comment or retry on the first line at once, also after a BOM', () => {
    for (const first of [': hello\n', 'retry: 5\n']) {
      let reports = 0
      const parser = createSseParser({
        onEvent: () => {},
        onComment: () => reports++,
        onRetry: () => reports++,
      })
      parser.feed(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8.encode(first)))
      expect(reports).toBe(1)
    }
  })

  it('removes one BOM from the bytes, and only one', () => {
    const bom = [0xef, 0xbb, 0xbf]
    expect(parseBytes([bom, 'data: a\n\n']).events).toEqual([{ event: 'message', data: 'a', id: '' }])
    // A second BOM is part of the first line: an unknown field, so no event.
    expect(parseBytes([[...bom, ...bom], 'data: a\n\n']).events).toEqual([])
  })

  it('makes U+FFFD of invalid bytes, as TextDecoder does', () => {
    expect(parseBytes([[0x64, 0x61, 0x74, 0x61, 0x3a, 0x20, 0xff, 0xe2, 0x82, 0x0a, 0x0a]]).events).toEqual([
      { event: 'message', data: '\ufffd\ufffd', id: '' },
    ])
  })

  it('throws a TypeError when text and bytes are mixed in one connection, and allows either after end()', () => {
    const parser = createSseParser({ onEvent: () => {} })
    parser.feed('data: a\n')
    expect(() => parser.feed(utf8.encode('\n'))).toThrow(TypeError)
    parser.end()
    parser.feed(utf8.encode('data: b\n'))
    expect(() => parser.feed('\n')).toThrow(/text and bytes/)
    parser.end()
    parser.feed('data: c\n\n')
  })

  it('throws a TypeError for a chunk that is neither text nor a Uint8Array', () => {
    const parser = createSseParser({ onEvent: () => {} })
    expect(() => parser.feed(new ArrayBuffer(4) as unknown as Uint8Array)).toThrow(
      'feed() takes a string or a Uint8Array, got ArrayBuffer',
    )
    expect(() => parser.feed(42 as unknown as string)).toThrow('got number')
    expect(() => parser.feed(null as unknown as string)).toThrow('got null')
    expect(() => parser.feed(undefined as unknown as string)).toThrow('got undefined')
  })

  it('keeps the last event ID across connections fed bytes', () => {
    const parser = createSseParser({ onEvent: () => {} })
    parser.feed(utf8.encode('id: 7\ndata: x\n\n'))
    parser.end()
    expect(parser.lastEventId).toBe('7')
  })
})
