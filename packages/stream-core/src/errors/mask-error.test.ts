import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_ERROR_MESSAGE } from './error-frame'
import { maskError } from './mask-error'

const secret = new Error('password=hunter2')

describe('maskError', () => {
  it('sends the default message when onError returns nothing', () => {
    expect(maskError(secret, () => {})).toEqual({ message: DEFAULT_ERROR_MESSAGE })
  })

  it('sends the string onError returns', () => {
    expect(maskError(secret, () => 'Try again')).toEqual({ message: 'Try again' })
  })

  it('copies only message and code from a returned frame', () => {
    const frame = { message: 'Quota exceeded', code: 'quota', stack: 'at db.ts:1' }
    expect(maskError(secret, () => frame)).toEqual({ message: 'Quota exceeded', code: 'quota' })
  })

  it('logs the error with console.error and sends the default message without onError', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(maskError(secret, undefined)).toEqual({ message: DEFAULT_ERROR_MESSAGE })
    expect(log).toHaveBeenCalledWith(expect.any(String), secret)
    log.mockRestore()
  })
})
