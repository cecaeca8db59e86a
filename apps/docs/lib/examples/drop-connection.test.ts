import { describe, expect, it } from 'vitest'
import { dropConnectionAfter } from './drop-connection'

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ chunks: string[]; error?: unknown }> {
  const decoder = new TextDecoder()
  const chunks: string[] = []
  try {
    for await (const chunk of stream) chunks.push(decoder.decode(chunk))
    return { chunks }
  } catch (error) {
    return { chunks, error }
  }
}

describe('dropConnectionAfter', () => {
  it('passes the first chunks through, then errors the body when the next one comes', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const text of ['a', 'b', 'c', 'd']) controller.enqueue(bytes(text))
        controller.close()
      },
    })
    const { chunks, error } = await readAll(body.pipeThrough(dropConnectionAfter(2)))
    expect(chunks).toEqual(['a', 'b'])
    expect(error).toBeInstanceOf(Error)
  })

  it('ends normally when the body has no more chunks than that', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes('a'))
        controller.close()
      },
    })
    expect(await readAll(body.pipeThrough(dropConnectionAfter(2)))).toEqual({ chunks: ['a'] })
  })
})
