import { describe, expect, it } from 'vitest'
import { isChatId, newChatId } from './chat-id'

describe('isChatId', () => {
  it('accepts a UUID in either case', () => {
    expect(isChatId('1b4e28ba-2fa1-41d2-883f-0016d3cca427')).toBe(true)
    expect(isChatId('1B4E28BA-2FA1-41D2-883F-0016D3CCA427')).toBe(true)
  })

  it('rejects anything that is not a UUID', () => {
    for (const value of ['', 'chat-1', '../x', '1b4e28ba2fa141d2883f0016d3cca427', 42, null, undefined]) {
      expect(isChatId(value), String(value)).toBe(false)
    }
  })
})

describe('newChatId', () => {
  it('returns a fresh valid id each call', () => {
    const a = newChatId()
    const b = newChatId()
    expect(isChatId(a)).toBe(true)
    expect(a).not.toBe(b)
  })

  it('builds a valid v4 UUID without crypto.randomUUID', () => {
    const original = crypto.randomUUID
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true, writable: true })
    try {
      expect(newChatId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true, writable: true })
    }
  })
})
