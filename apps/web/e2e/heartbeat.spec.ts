import { expect, test } from '@playwright/test'

test('an idle SSE stream stays alive on heartbeat comments until the client leaves', async ({ page }) => {
  await page.goto('/')
  const received = await page.evaluate(async () => {
    const controller = new AbortController()
    const response = await fetch('/api/test/heartbeat?heartbeatMs=200', { signal: controller.signal })
    if (!response.body) throw new Error('The response has no body.')
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    while ((text.match(/: ping\n\n/g) ?? []).length < 3) {
      const { value, done } = await reader.read()
      if (done) break
      text += value
    }
    controller.abort()
    return { status: response.status, type: response.headers.get('content-type'), text }
  })
  expect(received.status).toBe(200)
  expect(received.type).toContain('text/event-stream')
  expect(received.text).toBe(': ping\n\n: ping\n\n: ping\n\n')
})
