// The limits of POST /api/chat, in a module without dependencies so the browser bundle can use them too.

/** The largest /api/chat body accepted, in bytes (32 KiB); a larger body gets 413. */
export const MAX_CHAT_BODY_BYTES = 32 * 1024

/** The longest single message accepted, in characters. */
export const MAX_MESSAGE_CHARS = 4000

/** The most messages one request may carry (the conversation so far). */
export const MAX_MESSAGES = 40

/** What a request may spend on message text, leaving room for JSON punctuation and escapes. */
const MESSAGE_BYTES_BUDGET = MAX_CHAT_BODY_BYTES / 2

const encoder = new TextEncoder()

/**
 * The newest part of a conversation that fits the limits: at most {@link MAX_MESSAGES} messages and a byte
 * budget well under {@link MAX_CHAT_BODY_BYTES}, dropping the oldest first. The last message is always kept.
 * @example
 * fitConversation(messages).at(-1) === messages.at(-1) // true
 */
export function fitConversation<T extends { content: string }>(messages: readonly T[]): T[] {
  const kept: T[] = []
  let bytes = 0
  for (let index = messages.length - 1; index >= 0 && kept.length < MAX_MESSAGES; index--) {
    const message = messages[index]
    if (!message) continue
    bytes += encoder.encode(message.content).byteLength
    if (kept.length > 0 && bytes > MESSAGE_BYTES_BUDGET) break
    kept.unshift(message)
  }
  return kept
}
