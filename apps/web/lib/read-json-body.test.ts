import { describe, expect, it } from 'vitest'
import { readJsonBody } from './read-json-body'

function post(body: BodyInit | null, headers: HeadersInit = {}): Request {
  return new Request('http://localhost/api', { method: 'POST', body, headers, duplex: 'half' } as RequestInit)
}

async function errorOf(result: Awaited<ReturnType<typeof readJsonBody>>) {
  if (result.ok) throw new Error('expected an error')
  return { status: result.response.status, body: (await result.response.json()) as { error: string } }
}

describe('readJsonBody', () => {
  it('parses a JSON body within the limit', async () => {
    expect(await readJsonBody(post('{"a":1}'), 100)).toEqual({ ok: true, value: { a: 1 } })
  })

  it('answers 400 for invalid JSON', async () => {
    expect(await errorOf(await readJsonBody(post('{"a":'), 100))).toEqual({
      status: 400,
      body: { error: 'The body is not valid JSON.' },
    })
  })

  it('answers 400 for an empty body', async () => {
    expect((await errorOf(await readJsonBody(post(null), 100))).status).toBe(400)
    expect((await errorOf(await readJsonBody(post('  '), 100))).status).toBe(400)
  })

  it('answers 400 for bytes that are not UTF-8', async () => {
    expect((await errorOf(await readJsonBody(post(new Uint8Array([0x22, 0xff, 0x22])), 100))).status).toBe(
      400,
    )
  })

  it('answers 413 when Content-Length announces more than the limit', async () => {
    const request = post('{}', { 'content-length': '101' })
    expect((await errorOf(await readJsonBody(request, 100))).status).toBe(413)
  })

  it('answers 413 for a streamed body over the limit, and stops reading it', async () => {
    let pulls = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++
        controller.enqueue(new Uint8Array(40).fill(0x20))
      },
    })
    expect((await errorOf(await readJsonBody(post(body), 100))).status).toBe(413)
    expect(pulls).toBeLessThan(10)
  })

  it('accepts a body of exactly the limit', async () => {
    const json = `"${'x'.repeat(98)}"`
    expect(await readJsonBody(post(json), 100)).toEqual({ ok: true, value: 'x'.repeat(98) })
  })
})
