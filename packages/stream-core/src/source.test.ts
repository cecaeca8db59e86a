import { describe, expect, it } from 'vitest'
import { toReadableStream } from './source'

describe('toReadableStream', () => {
  it('streams every item of an iterable in order', async () => {
    const out: string[] = []
    for await (const item of toReadableStream(['a', 'b', 'c'])) out.push(item)
    expect(out).toEqual(['a', 'b', 'c'])
  })
})
