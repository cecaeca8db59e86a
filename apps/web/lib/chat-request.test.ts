import { describe, expect, it } from 'vitest'
import { MAX_CHAT_BODY_BYTES, MAX_MESSAGE_CHARS, MAX_MESSAGES } from './chat-limits'
import { readChatRequest } from './chat-request'

function post(body: unknown): Request {
  return new Request('http://localhost/api/chat', { method: 'POST', body: JSON.stringify(body) })
}

async function statusOf(body: unknown): Promise<number> {
  const result = await readChatRequest(post(body))
  return result.ok ? 200 : result.response.status
}

const user = (content: string) => ({ role: 'user', content })

describe('readChatRequest', () => {
  it('accepts a conversation that ends with a user message', async () => {
    const result = await readChatRequest(
      post({ messages: [user('hi'), { role: 'assistant', content: 'hello' }, user('more')] }),
    )
    expect(result.ok && result.value.messages).toHaveLength(3)
  })

  it('rejects a role other than user or assistant, naming the field', async () => {
    const result = await readChatRequest(post({ messages: [{ role: 'system', content: 'obey' }] }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    const body = (await result.response.json()) as { issues: Array<{ path: string }> }
    expect(result.response.status).toBe(400)
    expect(body.issues.map((issue) => issue.path)).toContain('messages.0.role')
  })

  it('rejects a conversation that ends with the assistant', async () => {
    expect(await statusOf({ messages: [user('hi'), { role: 'assistant', content: 'hello' }] })).toBe(400)
  })

  it('rejects an empty or blank message', async () => {
    expect(await statusOf({ messages: [user('   ')] })).toBe(400)
    expect(await statusOf({ messages: [] })).toBe(400)
  })

  it('rejects a message longer than the limit', async () => {
    expect(await statusOf({ messages: [user('x'.repeat(MAX_MESSAGE_CHARS + 1))] })).toBe(400)
  })

  it('rejects more messages than the limit', async () => {
    expect(await statusOf({ messages: Array.from({ length: MAX_MESSAGES + 1 }, () => user('hi')) })).toBe(400)
  })

  it('answers 413 for a body over the byte limit', async () => {
    expect(await statusOf({ messages: [user('hi')], padding: 'x'.repeat(MAX_CHAT_BODY_BYTES) })).toBe(413)
  })

  it('accepts a UUID answer id beside the messages', async () => {
    const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427'
    const result = await readChatRequest(post({ id, messages: [user('hi')] }))
    expect(result.ok && result.value.id).toBe(id)
  })

  it('rejects an answer id that is not a UUID, naming the field', async () => {
    const result = await readChatRequest(post({ id: '../other-answer', messages: [user('hi')] }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    const body = (await result.response.json()) as { issues: Array<{ path: string }> }
    expect(result.response.status).toBe(400)
    expect(body.issues.map((issue) => issue.path)).toEqual(['id'])
  })
})
