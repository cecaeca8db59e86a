import { describe, expect, it } from 'vitest'
import { type AiStreamEvent, aiEvents } from './ai-events'

async function collect(parts: Array<{ type: string } & Record<string, unknown>>): Promise<AiStreamEvent[]> {
  const events: AiStreamEvent[] = []
  for await (const event of aiEvents({ fullStream: toAsync(parts) })) events.push(event)
  return events
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  yield* items
}

describe('aiEvents', () => {
  it('maps AI SDK 6 text and reasoning deltas (the `text` field)', async () => {
    expect(
      await collect([
        { type: 'reasoning-delta', id: 'r', text: 'thinking' },
        { type: 'text-delta', id: 't', text: 'Hello' },
      ]),
    ).toEqual([
      { type: 'reasoning', delta: 'thinking' },
      { type: 'text', delta: 'Hello' },
    ])
  })

  it('reads the `delta` and `textDelta` spellings of other AI SDK versions', async () => {
    expect(
      await collect([
        { type: 'text-delta', delta: 'a' },
        { type: 'text-delta', textDelta: 'b' },
      ]),
    ).toEqual([
      { type: 'text', delta: 'a' },
      { type: 'text', delta: 'b' },
    ])
  })

  it('maps tool calls and tool results', async () => {
    expect(
      await collect([
        { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { city: 'Oslo' } },
        { type: 'tool-result', toolCallId: 'c1', toolName: 'weather', input: {}, output: { temp: 3 } },
      ]),
    ).toEqual([
      { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { city: 'Oslo' } },
      { type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output: { temp: 3 } },
    ])
  })

  it('maps finish with the total usage, keeping only the token counts', async () => {
    const totalUsage = {
      inputTokens: 3,
      outputTokens: 5,
      totalTokens: 8,
      inputTokenDetails: { cacheRead: 1 },
    }
    expect(await collect([{ type: 'finish', finishReason: 'stop', totalUsage }])).toEqual([
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 5, totalTokens: 8 } },
    ])
  })

  it('skips parts it does not map', async () => {
    expect(
      await collect([
        { type: 'start' },
        { type: 'start-step' },
        { type: 'text-start', id: 't' },
        { type: 'tool-input-delta', id: 'c', delta: '{' },
        { type: 'finish-step' },
        { type: 'raw', rawValue: {} },
      ]),
    ).toEqual([])
  })

  it('throws the error of an error part', async () => {
    const error = new Error('rate limited')
    await expect(
      collect([
        { type: 'text-delta', text: 'a' },
        { type: 'error', error },
      ]),
    ).rejects.toBe(error)
  })

  it('throws an AbortError for an abort part, so a stopped generation does not look complete', async () => {
    await expect(collect([{ type: 'abort' }])).rejects.toMatchObject({ name: 'AbortError' })
  })
})
