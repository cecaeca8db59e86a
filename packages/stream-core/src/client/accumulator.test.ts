import { describe, expect, it } from 'vitest'
import { createAccumulator } from './accumulator'

describe('createAccumulator', () => {
  it('concatenates text chunks', () => {
    const text = createAccumulator<string, string>('text', undefined)
    text.add('Hel')
    text.add('lo')
    expect(text.value()).toBe('Hello')
  })

  it('collects NDJSON items and SSE events into an array', () => {
    const items = createAccumulator<number, number[]>('ndjson', undefined)
    items.add(1)
    items.add(2)
    expect(items.value()).toEqual([1, 2])
  })

  it('returns the same array until the next chunk', () => {
    const items = createAccumulator<number, number[]>('sse', undefined)
    items.add(1)
    const first = items.value()
    expect(items.value()).toBe(first)
    items.add(2)
    expect(items.value()).not.toBe(first)
  })

  it('never mutates an array it handed out', () => {
    const items = createAccumulator<number, number[]>('ndjson', undefined)
    items.add(1)
    const first = items.value()
    items.add(2)
    expect(first).toEqual([1])
  })

  it('folds chunks with a reducer from its initial value', () => {
    const count = createAccumulator<string, number>('text', {
      reduce: (n, chunk) => n + chunk.length,
      initial: 1,
    })
    count.add('ab')
    count.add('c')
    expect(count.value()).toBe(4)
  })

  it('starts over on reset', () => {
    const text = createAccumulator<string, string>('text', undefined)
    const items = createAccumulator<number, number[]>('ndjson', undefined)
    const sum = createAccumulator<number, number>('ndjson', { reduce: (a, b) => a + b, initial: 0 })
    text.add('x')
    items.add(1)
    sum.add(5)
    for (const accumulator of [text, items, sum]) accumulator.reset()
    expect([text.value(), items.value(), sum.value()]).toEqual(['', [], 0])
  })
})
