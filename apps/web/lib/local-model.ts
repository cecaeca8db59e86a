import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from '@ai-sdk/provider'

/** How a streamed answer ended: complete, or stopped early by an abort or a cancelled stream. */
export type LocalStreamOutcome = 'finished' | 'aborted'

export interface LocalModelOptions {
  /** Bounds of the pause before each token, in ms; the actual pause is deterministic per token. */
  tokenDelayMs?: { min: number; max: number }
  /**
   * Called when a `doStream` call starts producing; the function it returns is called exactly once, when
   * production has stopped (for tests, logs, metrics).
   */
  onStream?: () => (outcome: LocalStreamOutcome) => void
}

const DEFAULT_TOKEN_DELAY_MS = { min: 20, max: 40 }

const ANSWERS: ReadonlyArray<{ when: RegExp; answer: string }> = [
  {
    when: /\b(hi|hello|hey)\b/i,
    answer:
      'Hello! I am the local demo model that ships with streamkit. I run inside this Next.js server, so no API key is needed. Every word you see arrived as its own chunk over a server-sent events stream.',
  },
  {
    when: /\b(stream|streaming|chunk|chunks)\b/i,
    answer:
      'Streaming means the server sends each piece of the answer as soon as it exists instead of waiting for the whole reply. streamkit pulls one token at a time from the model, encodes it as a server-sent event, and flushes it to the browser; when you press Stop, the request is aborted and the model stops generating on the server too.',
  },
  {
    when: /\b(stop|abort|cancel)\b/i,
    answer:
      'Pressing Stop aborts the fetch in the browser. The server sees the request signal fire, cancels the response stream, and the abort reaches this model, which clears its timer and produces nothing more. Nothing keeps running, and nothing keeps billing.',
  },
]

/**
 * The answer the local model gives to a prompt: deterministic, so the same question always streams the same
 * tokens (tests and demos can rely on it).
 * @example
 * localAnswer([{ role: 'user', content: [{ type: 'text', text: 'hello' }] }]) // 'Hello! I am the local...'
 */
export function localAnswer(prompt: LanguageModelV3Prompt): string {
  const question = lastUserText(prompt).trim()
  const match = ANSWERS.find(({ when }) => when.test(question))
  if (match) return match.answer
  const quoted = question.length > 80 ? `${question.slice(0, 77)}...` : question
  return `You asked: "${quoted}". I am the local demo model, so I cannot look anything up, but I can show you what a streamed answer looks like: each of these words left the server on its own, a few milliseconds apart, and your browser rendered them as they arrived. Set OPENAI_API_KEY to talk to a real model.`
}

/**
 * Splits text into tokens the way the demo streams them: each word with the whitespace before it.
 * @example
 * tokenize('Hello big world') // ['Hello', ' big', ' world']
 */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+/g) ?? []
}

/**
 * The text of the last user message in a prompt ('' when there is none).
 * @example
 * lastUserText([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]) // 'hi'
 */
export function lastUserText(prompt: LanguageModelV3Prompt): string {
  for (let index = prompt.length - 1; index >= 0; index--) {
    const message = prompt[index]
    if (message?.role !== 'user') continue
    return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('')
  }
  return ''
}

function countWords(prompt: LanguageModelV3Prompt): number {
  let words = 0
  for (const message of prompt) {
    if (typeof message.content === 'string') words += tokenize(message.content).length
    else for (const part of message.content) if (part.type === 'text') words += tokenize(part.text).length
  }
  return words
}

function usage(inputTokens: number, outputTokens: number): LanguageModelV3Usage {
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
  }
}

/** A pause that looks like a model thinking, the same for the same token index every time. */
function tokenDelay(index: number, bounds: { min: number; max: number }): number {
  const spread = Math.max(0, bounds.max - bounds.min)
  const jitter = ((index * 2654435761) >>> 0) % (spread + 1)
  return bounds.min + jitter
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}

/**
 * A real AI SDK language model (specification v3) that needs no network and no key: it answers
 * deterministically and streams its answer token by token with a realistic pause between tokens. It honours
 * `abortSignal` and stream cancellation: the pending timer is cleared and nothing more is produced.
 * @example
 * import { streamText } from 'ai'
 * const result = streamText({ model: new LocalModel(), prompt: 'hello' })
 * for await (const delta of result.textStream) process.stdout.write(delta)
 */
export class LocalModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3'
  readonly provider = 'streamkit-local'
  readonly modelId = 'local-demo'
  readonly supportedUrls: Record<string, RegExp[]> = {}

  readonly #delay: { min: number; max: number }
  readonly #onStream: () => (outcome: LocalStreamOutcome) => void

  constructor(options: LocalModelOptions = {}) {
    this.#delay = options.tokenDelayMs ?? DEFAULT_TOKEN_DELAY_MS
    this.#onStream = options.onStream ?? (() => () => {})
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    options.abortSignal?.throwIfAborted()
    const text = localAnswer(options.prompt)
    return {
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: usage(countWords(options.prompt), tokenize(text).length),
      warnings: [],
    }
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const signal = options.abortSignal
    signal?.throwIfAborted()
    const tokens = tokenize(localAnswer(options.prompt))
    const inputTokens = countWords(options.prompt)
    const delay = this.#delay
    const onStream = this.#onStream
    const textId = 'text-0'

    let next = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    let wake: (() => void) | undefined
    let ended = false
    let onEnd: (outcome: LocalStreamOutcome) => void = () => {}

    const end = (outcome: LocalStreamOutcome) => {
      if (ended) return
      ended = true
      if (timer !== undefined) clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      onEnd(outcome)
    }
    let onAbort = () => {}

    const stream = new ReadableStream<LanguageModelV3StreamPart>(
      {
        start(controller) {
          onEnd = onStream()
          onAbort = () => {
            end('aborted')
            wake?.()
            if (signal) controller.error(abortReason(signal))
          }
          signal?.addEventListener('abort', onAbort, { once: true })
          controller.enqueue({ type: 'stream-start', warnings: [] })
          controller.enqueue({ type: 'response-metadata', modelId: 'local-demo', timestamp: new Date() })
          controller.enqueue({ type: 'text-start', id: textId })
        },
        async pull(controller) {
          if (ended) return
          if (next >= tokens.length) {
            controller.enqueue({ type: 'text-end', id: textId })
            controller.enqueue({
              type: 'finish',
              finishReason: { unified: 'stop', raw: 'stop' },
              usage: usage(inputTokens, tokens.length),
            })
            controller.close()
            end('finished')
            return
          }
          await new Promise<void>((resolve) => {
            wake = resolve
            timer = setTimeout(resolve, tokenDelay(next, delay))
          })
          wake = undefined
          if (ended) return
          controller.enqueue({ type: 'text-delta', id: textId, delta: tokens[next++] ?? '' })
        },
        cancel() {
          end('aborted')
        },
      },
      { highWaterMark: 0 },
    )
    return { stream, request: { body: { tokens: tokens.length } } }
  }
}
