import { describe, expect, it } from 'vitest'
import { utf8Length } from './utf8-length'

describe('utf8Length', () => {
  it.each([
    '',
    'ascii',
    'é',
    '€uro',
    '😀 emoji',
    'mixed é € 😀 text',
    '\ud83d', // a lone high surrogate at the end
    '\ud83d!', // a high surrogate not followed by a low one
    '\ude00x', // a lone low surrogate
  ])('matches TextEncoder for %j', (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
  })
})
