import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider'
import { streamText } from 'ai'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LocalModel, type LocalStreamOutcome, localAnswer, tokenize } from './local-model'

function callOptions(text: string, abortSignal?: AbortSignal): LanguageModelV3CallOptions {
  return { prompt: [{ role: 'user', content: [{ type: 'text', text }] }], abortSignal }
}

async function readAll(
  stream: ReadableStream<LanguageModelV3StreamPart>,
): Promise<LanguageModelV3StreamPart[]> {
  const parts: LanguageModelV3StreamPart[] = []
  for await (const part of stream) parts.push(part)
  return parts
}

function deltas(parts: LanguageModelV3StreamPart[]): string[] {
  return parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []))
}

const instant = { tokenDelayMs: { min: 0, max: 0 } }

afterEach(() => {
  vi.useRealTimers()
})

describe('tokenize', () => {
  it('keeps the whitespace before each word with the word', () => {
    expect(tokenize('Hello big  world')).toEqual(['Hello', ' big', '  world'])
  })
})

describe('LocalModel', () => {
  it('implements the v3 language model specification', () => {
    const model = new LocalModel()
    expect(model.specificationVersion).toBe('v3')
    expect(model.provider).toBe('streamkit-local')
  })

  it('streams the answer one token per text-delta part', async () => {
    const { stream } = await new LocalModel(instant).doStream(callOptions('hello'))
    const parts = await readAll(stream)
    expect(deltas(parts)).toEqual(tokenize(localAnswer(callOptions('hello').prompt)))
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'stop' } })
  })

  it('answers the same question with the same tokens every time', async () => {
    const first = deltas(await readAll((await new LocalModel(instant).doStream(callOptions('why?'))).stream))
    const second = deltas(await readAll((await new LocalModel(instant).doStream(callOptions('why?'))).stream))
    expect(first).toEqual(second)
    expect(first.join('')).toContain('You asked: "why?"')
  })

  it('waits between the configured bounds before each token', async () => {
    vi.useFakeTimers()
    const { stream } = await new LocalModel({ tokenDelayMs: { min: 20, max: 40 } }).doStream(
      callOptions('hello'),
    )
    const reader = stream.getReader()
    for (let index = 0; index < 3; index++) await reader.read() // stream-start, response-metadata, text-start
    const firstDelta = reader.read()
    let settled = false
    void firstDelta.then(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(19)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(21)
    expect(settled).toBe(true)
    expect((await firstDelta).value).toMatchObject({ type: 'text-delta', delta: 'Hello!' })
    await reader.cancel()
  })

  it('reports a complete answer as finished', async () => {
    const outcomes: LocalStreamOutcome[] = []
    const model = new LocalModel({ ...instant, onStream: () => (outcome) => outcomes.push(outcome) })
    await readAll((await model.doStream(callOptions('hello'))).stream)
    expect(outcomes).toEqual(['finished'])
  })

  it('stops producing when the abort signal fires: the stream errors and no timer is left', async () => {
    vi.useFakeTimers()
    const outcomes: LocalStreamOutcome[] = []
    const controller = new AbortController()
    const model = new LocalModel({ onStream: () => (outcome) => outcomes.push(outcome) })
    const { stream } = await model.doStream(callOptions('hello', controller.signal))
    const reader = stream.getReader()
    for (let index = 0; index < 3; index++) await reader.read() // stream-start, response-metadata, text-start
    const pending = reader.read() // waiting for the first token's timer
    controller.abort(new Error('client left'))
    await expect(pending).rejects.toThrow('client left')
    expect(outcomes).toEqual(['aborted'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('stops producing when its stream is cancelled', async () => {
    vi.useFakeTimers()
    const outcomes: LocalStreamOutcome[] = []
    const model = new LocalModel({ onStream: () => (outcome) => outcomes.push(outcome) })
    const reader = (await model.doStream(callOptions('hello'))).stream.getReader()
    await reader.read()
    await reader.cancel()
    expect(outcomes).toEqual(['aborted'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('refuses to start when the signal has already aborted', async () => {
    await expect(new LocalModel().doStream(callOptions('hello', AbortSignal.abort()))).rejects.toThrow()
  })

  it('generates the whole answer at once with doGenerate', async () => {
    const result = await new LocalModel().doGenerate(callOptions('hello'))
    expect(result.content).toEqual([{ type: 'text', text: localAnswer(callOptions('hello').prompt) }])
    expect(result.usage.outputTokens.total).toBe(tokenize(localAnswer(callOptions('hello').prompt)).length)
  })

  it('streams through the AI SDK streamText', async () => {
    const result = streamText({ model: new LocalModel(instant), prompt: 'hello' })
    let text = ''
    for await (const delta of result.textStream) text += delta
    expect(text).toBe(localAnswer(callOptions('hello').prompt))
    expect(await result.finishReason).toBe('stop')
  })
})
