import { describe, expect, it } from 'vitest'
import { fitConversation, MAX_CHAT_BODY_BYTES, MAX_MESSAGES } from './chat-limits'

const message = (content: string) => ({ role: 'user', content })

describe('fitConversation', () => {
  it('keeps a short conversation whole', () => {
    const messages = [message('a'), message('b')]
    expect(fitConversation(messages)).toEqual(messages)
  })

  it('keeps only the newest messages when there are too many', () => {
    const messages = Array.from({ length: MAX_MESSAGES + 5 }, (_, index) => message(String(index)))
    const kept = fitConversation(messages)
    expect(kept).toHaveLength(MAX_MESSAGES)
    expect(kept.at(-1)).toBe(messages.at(-1))
  })

  it('drops the oldest messages when the text would not fit in the body limit', () => {
    const messages = Array.from({ length: 20 }, () => message('x'.repeat(3000)))
    const kept = fitConversation(messages)
    expect(kept.length).toBeLessThan(20)
    expect(JSON.stringify({ messages: kept }).length).toBeLessThan(MAX_CHAT_BODY_BYTES)
    expect(kept.at(-1)).toBe(messages.at(-1))
  })
})
