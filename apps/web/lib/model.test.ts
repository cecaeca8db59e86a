import { streamText } from 'ai'
import { afterEach, describe, expect, it } from 'vitest'
import { LocalModel } from './local-model'
import { chatModel, chatModelLabel } from './model'
import { readCleanupCounters } from './test-hooks'

const ENV_KEYS = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL', 'STREAMKIT_E2E'] as const

afterEach(() => {
  for (const key of ENV_KEYS) delete process.env[key]
})

describe('chatModel', () => {
  it('uses the local demo model when no API key is set', () => {
    process.env.OPENAI_API_KEY = ''
    const { model, label } = chatModel()
    expect(model).toBeInstanceOf(LocalModel)
    expect(label).toBe('Local demo model')
    expect(chatModelLabel()).toBe('Local demo model')
  })

  it('uses the OpenAI chat completions model named by OPENAI_MODEL when a key is set', () => {
    process.env.OPENAI_API_KEY = 'sk-test'
    process.env.OPENAI_MODEL = 'llama3.2'
    const { model, label } = chatModel()
    expect(model.provider).toBe('openai.chat')
    expect(model.modelId).toBe('llama3.2')
    expect(label).toBe('llama3.2')
  })

  it('defaults the OpenAI model to gpt-4o-mini', () => {
    process.env.OPENAI_API_KEY = 'sk-test'
    expect(chatModelLabel()).toBe('gpt-4o-mini')
  })

  it('streams the answer to "trigger error" normally while the test hooks are off', async () => {
    const result = streamText({ model: chatModel().model, prompt: 'trigger error' })
    let deltas = 0
    for await (const part of result.fullStream) {
      expect(part.type).not.toBe('error')
      if (part.type === 'text-delta' && ++deltas === 5) break
    }
    expect(deltas).toBe(5)
  })

  it('fails the answer to "trigger error" after three tokens when the test hooks are on', async () => {
    process.env.STREAMKIT_E2E = '1'
    const result = streamText({ model: chatModel().model, prompt: 'trigger error', onError: () => {} })
    let deltas = 0
    let failure: unknown
    try {
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') deltas++
        if (part.type === 'error') failure = part.error
      }
    } catch (error) {
      failure = error
    }
    expect(deltas).toBe(3)
    expect(String(failure)).toContain('Injected failure')
  })

  it('counts each streamed model call when the test hooks are on', async () => {
    process.env.STREAMKIT_E2E = '1'
    const before = readCleanupCounters().modelCalls
    const result = streamText({ model: chatModel().model, prompt: 'hello' })
    for await (const part of result.fullStream) if (part.type === 'text-delta') break
    expect(readCleanupCounters().modelCalls).toBe(before + 1)
  })
})
