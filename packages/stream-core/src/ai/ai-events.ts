/**
 * One event of an AI SDK generation, as streamed to the client by {@link aiStreamResponse}: a small, stable
 * subset of the AI SDK's `fullStream` parts that does not change shape between AI SDK versions.
 * @example
 * function apply(event: AiStreamEvent) {
 *   if (event.type === 'text') answer += event.delta
 *   else if (event.type === 'finish') console.log(event.usage?.totalTokens)
 * }
 */
export type AiStreamEvent =
  | { type: 'text'; delta: string }
  | { type: 'reasoning'; delta: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: unknown }
  | { type: 'tool-result'; toolCallId: string; toolName: string; output: unknown }
  | { type: 'finish'; finishReason: string; usage?: AiUsage }

/**
 * Token usage of a generation, as reported by the `finish` event (the total over all steps).
 * @example
 * const usage: AiUsage = { inputTokens: 12, outputTokens: 40, totalTokens: 52 }
 */
export interface AiUsage {
  inputTokens?: number
  outputTokens?: number
  totalTokens?: number
}

/**
 * What {@link aiEvents} needs from an AI SDK result: its `fullStream`. Structural, so a `streamText` result
 * of AI SDK 6 or 7 fits without stream-core importing `ai`.
 * @example
 * const result: AiStreamResult = streamText({ model, prompt })
 */
export interface AiStreamResult {
  fullStream: AsyncIterable<{ type: string }>
}

/** A `fullStream` part, read field by field: every field is checked before use. */
type Part = { type: string } & Record<string, unknown>

/**
 * The events of an AI SDK `streamText` result, mapped to {@link AiStreamEvent}s: text and reasoning deltas,
 * tool calls and results, and the finish with its total usage. Other parts (step boundaries, tool input
 * deltas, sources, raw chunks) are skipped.
 *
 * An `error` part is thrown (so `streamResponse` sends a masked error frame instead of a cleanly truncated
 * answer), and so is an `abort` part (an `AbortError` `DOMException`): a generation stopped by anything but
 * the client leaving must not look complete.
 *
 * Reads AI SDK 6 field names (`text`, `input`, `output`, `totalUsage`) and falls back to the older / newer
 * spellings (`delta`, `textDelta`, `args`, `result`, `usage`).
 * @example
 * const result = streamText({ model, prompt, abortSignal: request.signal })
 * for await (const event of aiEvents(result)) {
 *   if (event.type === 'text') process.stdout.write(event.delta)
 * }
 */
export async function* aiEvents(result: AiStreamResult): AsyncGenerator<AiStreamEvent, void, undefined> {
  for await (const part of result.fullStream as AsyncIterable<Part>) {
    switch (part.type) {
      case 'text-delta':
        yield { type: 'text', delta: deltaOf(part) }
        break
      case 'reasoning-delta':
        yield { type: 'reasoning', delta: deltaOf(part) }
        break
      case 'tool-call':
        yield {
          type: 'tool-call',
          toolCallId: String(part.toolCallId),
          toolName: String(part.toolName),
          input: 'input' in part ? part.input : part.args,
        }
        break
      case 'tool-result':
        yield {
          type: 'tool-result',
          toolCallId: String(part.toolCallId),
          toolName: String(part.toolName),
          output: 'output' in part ? part.output : part.result,
        }
        break
      case 'finish':
        yield finishOf(part)
        break
      case 'error':
        throw part.error
      case 'abort':
        throw new DOMException('The generation was aborted.', 'AbortError')
    }
  }
}

function deltaOf(part: Part): string {
  const delta = part.text ?? part.delta ?? part.textDelta
  return typeof delta === 'string' ? delta : ''
}

function finishOf(part: Part): AiStreamEvent {
  const finishReason = typeof part.finishReason === 'string' ? part.finishReason : 'unknown'
  const usage = usageOf(part.totalUsage ?? part.usage)
  return usage ? { type: 'finish', finishReason, usage } : { type: 'finish', finishReason }
}

function usageOf(value: unknown): AiUsage | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const usage: AiUsage = {}
  for (const key of ['inputTokens', 'outputTokens', 'totalTokens'] as const) {
    const count = (value as Record<string, unknown>)[key]
    if (typeof count === 'number') usage[key] = count
  }
  return Object.keys(usage).length > 0 ? usage : undefined
}
