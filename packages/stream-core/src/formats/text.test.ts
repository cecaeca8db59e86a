import { describe, expect, it } from 'vitest'
import { EncodeError } from '../errors/encode-error'
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
import { decodeText, encodeText } from './text'

const join = async (iterable: AsyncIterable<string>) => (await collect(iterable)).join('')

describe('encodeText', () => {
  it('returns the chunk unchanged', () => {
    expect(encodeText('Hello, wörld 😀\n')).toBe('Hello, wörld 😀\n')
  })

  it('returns an empty string unchanged', () => {
    expect(encodeText('')).toBe('')
  })

  it('throws an EncodeError for a value that is not a string', () => {
    for (const value of [42, null, undefined, { a: 1 }, ['a']]) {
      expect(() => encodeText(value as unknown as string)).toThrow(EncodeError)
    }
  })
})

describe('decodeText', () => {
  it('yields the text of each chunk of a ReadableStream', async () => {
    const { stream } = byteStream(['Hello, ', 'world'])
    expect(await collect(decodeText(stream))).toEqual(['Hello, ', 'world'])
  })

  it('yields the text of each chunk of an async iterable', async () => {
    const { iterable } = byteIterable(['a', 'b'])
    expect(await collect(decodeText(iterable))).toEqual(['a', 'b'])
  })

  it('yields nothing for an empty stream', async () => {
    const { stream } = byteStream([])
    expect(await collect(decodeText(stream))).toEqual([])
  })

  it('keeps line breaks as they are', async () => {
    const { stream } = byteStream(['a\r\nb\rc\n'])
    expect(await join(decodeText(stream))).toBe('a\r\nb\rc\n')
  })

  it('decodes 2-, 3- and 4-byte characters split at every byte position', async () => {
    const bytes = utf8(MULTI_BYTE_TEXT)
    for (const [head, tail] of everyTwoWaySplit(bytes)) {
      const { stream } = byteStream([head, tail])
      expect(await join(decodeText(stream))).toBe(MULTI_BYTE_TEXT)
    }
  })

  it('decodes multi-byte characters fed one byte at a time', async () => {
    const { stream } = byteStream(byteByByte(utf8(MULTI_BYTE_TEXT)))
    expect(await join(decodeText(stream))).toBe(MULTI_BYTE_TEXT)
  })

  it('never yields half a character, nor an empty string, while a character is incomplete', async () => {
    const { stream } = byteStream(byteByByte(utf8('😀')))
    expect(await collect(decodeText(stream))).toEqual(['😀'])
  })

  it('turns a character cut off by the end of the stream into U+FFFD', async () => {
    const { stream } = byteStream([utf8('a😀').subarray(0, 3)])
    expect(await join(decodeText(stream))).toBe('a\uFFFD')
  })

  it('removes a UTF-8 byte order mark at the start of the stream, as response.text() does', async () => {
    const { stream } = byteStream([new Uint8Array([0xef, 0xbb]), new Uint8Array([0xbf, 0x61])])
    expect(await join(decodeText(stream))).toBe('a')
  })

  it('does work linear in the input for 1 MB in 1-byte chunks', async () => {
    const megabyte = 1 << 20
    const work = await countCharacterWork(async () => {
      expect(await join(decodeText(chunked(utf8('€'.repeat(megabyte / 4)), 1)))).toHaveLength(megabyte / 4)
    }, 4 * megabyte)
    // Only the final join of the yielded pieces touches the text: about once per character.
    expect(work).toBeGreaterThanOrEqual(megabyte / 4)
  }, 60_000)

  it('cancels the ReadableStream when the consumer breaks early', async () => {
    const { stream, cancelled } = byteStream(['a', 'b', 'c'])
    for await (const text of decodeText(stream)) {
      expect(text).toBe('a')
      break
    }
    expect(cancelled.count).toBe(1)
    expect(stream.locked).toBe(false)
  })

  it('calls return() on the async iterator when the consumer breaks early', async () => {
    const { iterable, returned } = byteIterable(['a', 'b'])
    for await (const _ of decodeText(iterable)) break
    expect(returned.count).toBe(1)
  })

  it('cancels the ReadableStream when return() is called before reading', async () => {
    const { stream, cancelled } = byteStream(['a'])
    await decodeText(stream).return?.()
    expect(cancelled.count).toBe(1)
  })

  it('rejects the pending read with the abort reason and cancels the stream when the signal aborts', async () => {
    const { stream, cancelled } = silentStream()
    const controller = new AbortController()
    const texts = decodeText(stream, { signal: controller.signal })
    const next = texts.next()
    controller.abort()
    await expect(next).rejects.toMatchObject({ name: 'AbortError' })
    expect(cancelled.count).toBe(1)
  })

  it('calls return() on an async iterable source when the signal aborts', async () => {
    const returned = { count: 0 }
    const never: AsyncIterableIterator<Uint8Array> = {
      [Symbol.asyncIterator]: () => never,
      next: () => new Promise(() => {}),
      async return() {
        returned.count++
        return { done: true, value: undefined }
      },
    }
    const controller = new AbortController()
    const next = decodeText(never, { signal: controller.signal }).next()
    controller.abort(new Error('gone'))
    await expect(next).rejects.toThrow('gone')
    expect(returned.count).toBe(1)
  })

  it('throws the abort reason at once and cancels the stream when the signal is already aborted', async () => {
    const { stream, cancelled } = byteStream(['a'])
    const reason = new Error('too late')
    await expect(collect(decodeText(stream, { signal: AbortSignal.abort(reason) }))).rejects.toBe(reason)
    expect(cancelled.count).toBe(1)
    expect(cancelled.reason).toBe(reason)
  })

  it('stops after an abort between two reads and cancels the stream', async () => {
    const { stream, cancelled } = byteStream(['a', 'b'])
    const controller = new AbortController()
    const texts = decodeText(stream, { signal: controller.signal })
    expect(await texts.next()).toEqual({ done: false, value: 'a' })
    controller.abort()
    await expect(texts.next()).rejects.toMatchObject({ name: 'AbortError' })
    expect(cancelled.count).toBe(1)
  })

  it('passes on the error of a failing source without cancelling it', async () => {
    const failure = new Error('connection reset')
    let cancels = 0
    let pulls = 0
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulls++ === 0) controller.enqueue(utf8('a'))
          else controller.error(failure)
        },
        cancel() {
          cancels++
        },
      },
      { highWaterMark: 0 },
    )
    const texts = decodeText(stream)
    expect(await texts.next()).toEqual({ done: false, value: 'a' })
    await expect(texts.next()).rejects.toBe(failure)
    expect(cancels).toBe(0)
    expect(stream.locked).toBe(false)
  })

  it('serves next() calls made without waiting in order', async () => {
    const { stream } = byteStream(['a', 'b'])
    const texts = decodeText(stream)
    const results = await Promise.all([texts.next(), texts.next(), texts.next()])
    expect(results).toEqual([
      { done: false, value: 'a' },
      { done: false, value: 'b' },
      { done: true, value: undefined },
    ])
  })
})
