import type { LanguageModelV3StreamPart } from '@ai-sdk/provider'
import { simulateReadableStream, streamText } from 'ai'
import { MockLanguageModelV3 } from 'ai/test'
import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_ERROR_MESSAGE } from '../errors/error-frame'
import { decodeNdjson } from '../formats/ndjson'
import { decodeSse, encodeSseError } from '../formats/sse'
import { aiStreamResponse } from './ai-stream-response'

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
}

const answer: LanguageModelV3StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'reasoning-start', id: 'r' },
  { type: 'reasoning-delta', id: 'r', delta: 'Hmm.' },
  { type: 'reasoning-end', id: 'r' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Hello' },
  { type: 'text-delta', id: 't', delta: ', world' },
  { type: 'text-end', id: 't' },
  { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
]

function modelStreaming(chunks: LanguageModelV3StreamPart[]) {
  return new MockLanguageModelV3({ doStream: async () => ({ stream: simulateReadableStream({ chunks }) }) })
}

const quiet = () => {}

describe('aiStreamResponse', () => {
  it('streams a real streamText generation as SSE events with incrementing ids', async () => {
    const model = modelStreaming(answer)
    const response = await aiStreamResponse((abortSignal) => streamText({ model, prompt: 'hi', abortSignal }))
    const events = []
    for await (const event of decodeSse(response.body as ReadableStream<Uint8Array>)) events.push(event)
    expect(events.map(({ event, id }) => [event, id])).toEqual([
      ['reasoning', '1'],
      ['text', '2'],
      ['text', '3'],
      ['finish', '4'],
    ])
    expect(events.map(({ data }) => JSON.parse(data))).toEqual([
      { type: 'reasoning', delta: 'Hmm.' },
      { type: 'text', delta: 'Hello' },
      { type: 'text', delta: ', world' },
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 5, totalTokens: 8 } },
    ])
  })

  it('streams the same events as NDJSON lines', async () => {
    const model = modelStreaming(answer)
    const response = await aiStreamResponse(
      (abortSignal) => streamText({ model, prompt: 'hi', abortSignal }),
      {
        format: 'ndjson',
      },
    )
    expect(response.headers.get('Content-Type')).toBe('application/x-ndjson; charset=utf-8')
    const events = []
    for await (const event of decodeNdjson(response.body as ReadableStream<Uint8Array>)) events.push(event)
    expect(events).toEqual([
      { type: 'reasoning', delta: 'Hmm.' },
      { type: 'text', delta: 'Hello' },
      { type: 'text', delta: ', world' },
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 5, totalTokens: 8 } },
    ])
  })

  it('sends a masked error frame when the model fails mid-generation', async () => {
    const model = modelStreaming([
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'error', error: new Error('upstream key sk-secret rejected') },
    ])
    const onError = vi.fn()
    const response = await aiStreamResponse(
      (abortSignal) => streamText({ model, prompt: 'hi', abortSignal, onError: quiet }),
      { onError, heartbeatMs: false },
    )
    const body = await response.text()
    expect(body.endsWith(encodeSseError({ message: DEFAULT_ERROR_MESSAGE }))).toBe(true)
    expect(body).not.toContain('sk-secret')
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('sk-secret') }),
    )
  })

  it('aborts the model call when the request is aborted', async () => {
    let modelSignal: AbortSignal | undefined
    const model = new MockLanguageModelV3({
      doStream: async ({ abortSignal }) => {
        modelSignal = abortSignal
        return {
          stream: new ReadableStream<LanguageModelV3StreamPart>({
            start(controller) {
              controller.enqueue({ type: 'stream-start', warnings: [] })
              controller.enqueue({ type: 'text-start', id: 't' })
              controller.enqueue({ type: 'text-delta', id: 't', delta: 'still going' })
              // never finishes: only an abort ends this generation
            },
          }),
        }
      },
    })
    const request = new AbortController()
    const response = await aiStreamResponse(
      (abortSignal) => streamText({ model, prompt: 'hi', abortSignal, onError: quiet }),
      { signal: request.signal, heartbeatMs: false },
    )
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    expect(modelSignal?.aborted).toBe(false)
    request.abort()
    expect(modelSignal?.aborted).toBe(true)
    await expect(reader.read()).rejects.toBeDefined()
  })

  it('aborts the model call when the client cancels the body', async () => {
    let modelSignal: AbortSignal | undefined
    const model = new MockLanguageModelV3({
      doStream: async ({ abortSignal }) => {
        modelSignal = abortSignal
        return {
          stream: new ReadableStream<LanguageModelV3StreamPart>({
            start(controller) {
              controller.enqueue({ type: 'stream-start', warnings: [] })
              controller.enqueue({ type: 'text-start', id: 't' })
              controller.enqueue({ type: 'text-delta', id: 't', delta: 'still going' })
            },
          }),
        }
      },
    })
    const response = await aiStreamResponse(
      (abortSignal) => streamText({ model, prompt: 'hi', abortSignal, onError: quiet }),
      { heartbeatMs: false },
    )
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    void reader.cancel()
    await vi.waitFor(() => expect(modelSignal?.aborted).toBe(true))
  })

  it('does not report an abort to streamText after a normal finish', async () => {
    const onAbort = vi.fn()
    const model = modelStreaming(answer)
    const response = await aiStreamResponse((abortSignal) =>
      streamText({ model, prompt: 'hi', abortSignal, onAbort }),
    )
    await response.text()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(onAbort).not.toHaveBeenCalled()
  })
})
