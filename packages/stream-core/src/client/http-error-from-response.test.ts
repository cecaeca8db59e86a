import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors/http-error'
import { httpErrorFromResponse } from './http-error-from-response'

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('httpErrorFromResponse', () => {
  it('uses the JSON error field as the message and keeps the status', async () => {
    const error = await httpErrorFromResponse(json({ error: 'Prompt too long' }, 413))
    expect(HttpError.isInstance(error)).toBe(true)
    expect([error.status, error.message]).toEqual([413, 'Prompt too long'])
  })

  it('uses the JSON message field', async () => {
    expect((await httpErrorFromResponse(json({ message: 'Not allowed' }, 403))).message).toBe('Not allowed')
  })

  it('uses the message of a nested error object', async () => {
    const error = await httpErrorFromResponse(json({ error: { message: 'Quota exceeded' } }, 429))
    expect(error.message).toBe('Quota exceeded')
  })

  it('keeps the parsed body', async () => {
    expect((await httpErrorFromResponse(json({ error: 'x', field: 'name' }, 400))).body).toEqual({
      error: 'x',
      field: 'name',
    })
  })

  it('falls back to the status text for a body that is not JSON', async () => {
    const error = await httpErrorFromResponse(
      new Response('oops', { status: 502, statusText: 'Bad Gateway' }),
    )
    expect([error.message, error.body]).toEqual(['Bad Gateway', 'oops'])
  })

  it('falls back to HTTP <status> without status text', async () => {
    expect((await httpErrorFromResponse(new Response(null, { status: 500 }))).message).toBe('HTTP 500')
  })
})
