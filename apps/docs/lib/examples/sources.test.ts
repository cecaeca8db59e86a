import { afterEach, describe, expect, it, vi } from 'vitest'
import { cityRows, EXAMPLE_DELAY_MS, ticks, words } from './sources'

afterEach(() => {
  vi.useRealTimers()
})

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of source) items.push(item)
  return items
}

describe('example sources', () => {
  it('yields the words of the sentence, which join into it', async () => {
    vi.useFakeTimers()
    const done = collect(words(new AbortController().signal))
    await vi.advanceTimersByTimeAsync(EXAMPLE_DELAY_MS * 20)
    expect((await done).join('')).toBe(
      'Every word of this sentence left the server on its own, a quarter of a second apart.',
    )
  })

  it('waits between rows, not before the first one', async () => {
    vi.useFakeTimers()
    const rows = cityRows(new AbortController().signal)
    expect((await rows.next()).value).toMatchObject({ id: 1 })
    const second = rows.next()
    await vi.advanceTimersByTimeAsync(EXAMPLE_DELAY_MS - 1)
    let settled = false
    void second.then(() => {
      settled = true
    })
    await Promise.resolve()
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await second).value).toMatchObject({ id: 2 })
  })

  it('resumes the ticks after the given id and says where it resumed', async () => {
    vi.useFakeTimers()
    const done = collect(ticks(3, 6, new AbortController().signal))
    await vi.advanceTimersByTimeAsync(EXAMPLE_DELAY_MS * 3)
    expect(await done).toEqual([
      { n: 4, resumedAfter: '3' },
      { n: 5, resumedAfter: '3' },
      { n: 6, resumedAfter: '3' },
    ])
  })
})
