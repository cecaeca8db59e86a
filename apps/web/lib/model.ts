import 'server-only'
import { createOpenAI } from '@ai-sdk/openai'
import type { LanguageModelV3, LanguageModelV3Middleware, LanguageModelV3StreamPart } from '@ai-sdk/provider'
import { wrapLanguageModel } from 'ai'
import { LocalModel, lastUserText } from './local-model'
import { countModelCall, TRIGGER_ERROR_MESSAGE, testHooksEnabled, trackSource } from './test-hooks'

/** The label the UI shows for the built-in model. */
const LOCAL_MODEL_LABEL = 'Local demo model'

/** The OpenAI model used when OPENAI_API_KEY is set and OPENAI_MODEL is not. */
const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini'

export interface ChatModel {
  model: LanguageModelV3
  /** What the UI calls this model: the local demo model, or the OpenAI model name. */
  label: string
}

/**
 * The chat model configured by the environment: OpenAI (or any OpenAI-compatible server through
 * OPENAI_BASE_URL) when OPENAI_API_KEY is set, else the built-in local model. Uses the chat completions API,
 * which Ollama, vLLM and LM Studio also speak.
 */
export function chatModel(): ChatModel {
  const apiKey = process.env.OPENAI_API_KEY
  const base: ChatModel = apiKey
    ? {
        model: createOpenAI({ apiKey, baseURL: process.env.OPENAI_BASE_URL || undefined }).chat(
          openAiModelId(),
        ),
        label: openAiModelId(),
      }
    : { model: new LocalModel({ onStream: () => trackSource('chat') }), label: LOCAL_MODEL_LABEL }
  if (!testHooksEnabled()) return base
  return {
    ...base,
    model: wrapLanguageModel({ model: base.model, middleware: [countModelCalls, failOnTriggerMessage] }),
  }
}

/** The label of the configured model, without creating a client. */
export function chatModelLabel(): string {
  return process.env.OPENAI_API_KEY ? openAiModelId() : LOCAL_MODEL_LABEL
}

function openAiModelId(): string {
  return process.env.OPENAI_MODEL || DEFAULT_OPENAI_MODEL
}

/** Test hook (only with STREAMKIT_E2E=1): counts every streamed call to the model, for GET /api/test/cleanup. */
const countModelCalls: LanguageModelV3Middleware = {
  specificationVersion: 'v3',
  wrapStream({ doStream }) {
    countModelCall()
    return doStream()
  },
}

/** Tokens that reach the client before the injected failure, so the test sees a truncated answer. */
const TOKENS_BEFORE_INJECTED_ERROR = 3

/**
 * Test hook (only with STREAMKIT_E2E=1): when the last user message is "trigger error", the model's stream
 * fails after a few tokens, like a provider dropping mid-answer.
 */
const failOnTriggerMessage: LanguageModelV3Middleware = {
  specificationVersion: 'v3',
  async wrapStream({ doStream, params }) {
    const result = await doStream()
    if (lastUserText(params.prompt).trim().toLowerCase() !== TRIGGER_ERROR_MESSAGE) return result
    let deltas = 0
    const failing = new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
      transform(part, controller) {
        if (part.type === 'text-delta' && deltas++ === TOKENS_BEFORE_INJECTED_ERROR) {
          controller.error(new Error('Injected failure (test hook): the model stopped mid-answer'))
          return
        }
        controller.enqueue(part)
      },
    })
    return { ...result, stream: result.stream.pipeThrough(failing) }
  },
}
