import { describe, expect, it } from 'vitest'
import {
  answerMessages,
  CHAT_STORAGE_KEY,
  loadChat,
  resumeRequest,
  type SavedAnswer,
  type SavedChat,
  saveChat,
} from './chat-persistence'

const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427'

function answer(patch: Partial<SavedAnswer> = {}): SavedAnswer {
  return {
    id,
    question: 'hello',
    body: { id, messages: [{ role: 'user', content: 'hello' }] },
    text: 'Hello! I am',
    lastEventId: '3',
    state: 'streaming',
    ...patch,
  }
}

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial))
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

describe('loadChat / saveChat', () => {
  it('round-trips a chat with a running answer', () => {
    const storage = memoryStorage()
    const chat: SavedChat = {
      history: [{ role: 'user', content: 'hi', state: 'complete' }],
      answer: answer(),
    }
    saveChat(storage, chat)
    expect(loadChat(storage)).toEqual(chat)
  })

  it('returns undefined when nothing was saved or storage is unavailable', () => {
    expect(loadChat(memoryStorage())).toBeUndefined()
    expect(loadChat(undefined)).toBeUndefined()
  })

  it('ignores what is not valid JSON', () => {
    expect(loadChat(memoryStorage({ [CHAT_STORAGE_KEY]: '{"history":' }))).toBeUndefined()
  })

  it('ignores a saved answer of the wrong shape rather than resuming it', () => {
    const bad = { history: [], answer: { ...answer(), lastEventId: '../3' } }
    expect(loadChat(memoryStorage({ [CHAT_STORAGE_KEY]: JSON.stringify(bad) }))).toBeUndefined()
  })

  it('ignores history messages with an unknown role or state', () => {
    const bad = { history: [{ role: 'system', content: 'x', state: 'complete' }] }
    expect(loadChat(memoryStorage({ [CHAT_STORAGE_KEY]: JSON.stringify(bad) }))).toBeUndefined()
  })

  it('does not throw when storage refuses to save', () => {
    const full = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
    }
    expect(() => saveChat(full, { history: [] })).not.toThrow()
  })

  it('returns undefined when reading storage throws', () => {
    const denied = {
      getItem: (): string | null => {
        throw new DOMException('denied', 'SecurityError')
      },
    }
    expect(loadChat(denied)).toBeUndefined()
  })
})

describe('resumeRequest', () => {
  it('reattaches with GET /api/chat/[id] after the last event received', () => {
    expect(resumeRequest(answer({ lastEventId: '12' }))).toEqual({
      url: `/api/chat/${id}`,
      method: 'GET',
      lastEventId: '12',
    })
  })

  it('sends the same POST again when no event had arrived', () => {
    const saved = answer({ lastEventId: '', text: '' })
    expect(resumeRequest(saved)).toEqual({ url: '/api/chat', method: 'POST', body: saved.body })
  })
})

describe('answerMessages', () => {
  it('turns a finished answer into the question and the answer with its state', () => {
    expect(answerMessages(answer({ state: 'stopped' }))).toEqual([
      { role: 'user', content: 'hello', state: 'complete' },
      { role: 'assistant', content: 'Hello! I am', state: 'stopped' },
    ])
  })
})
