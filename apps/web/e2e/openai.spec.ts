import { expect, type Page, test } from '@playwright/test'
import { fakeOpenAIEndpoints } from '@repo/e2e'
import { fakeOpenAIAnswer } from '@repo/e2e/fake-openai-server'
import { readTimeline, watchText } from './support/dom-timeline'

// A second `next start` of this app runs with OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL pointing at an
// OpenAI-compatible fake server on 127.0.0.1: the real @ai-sdk/openai client talks to it over real HTTP + SSE.
const openai = fakeOpenAIEndpoints('web')

interface FakeStats {
  requests: number
  streamsStarted: number
  streamsCompleted: number
  streamsAborted: number
  lastRequest: { model: string; stream: boolean; lastUserMessage: string } | null
}

async function fakeStats(): Promise<FakeStats> {
  const response = await fetch(`${openai.serverURL}/__stats`)
  return (await response.json()) as FakeStats
}

async function ask(page: Page, message: string) {
  await page.getByLabel('Message').fill(message)
  await page.getByRole('button', { name: 'Send' }).click()
}

const assistantText = (page: Page) =>
  page.locator('[data-role="assistant"]').last().getByTestId('assistant-text')

test.use({ baseURL: openai.appURL })

test('with OPENAI_API_KEY set the chat shows the configured model name', async ({ page }) => {
  await page.goto('/chat')
  await expect(page.getByTestId('model-label')).toHaveText(openai.model)
})

test('the chat streams an answer from an OpenAI-compatible server over real HTTP', async ({ page }) => {
  const before = await fakeStats()
  await page.goto('/chat')
  await watchText(page, '[data-testid="messages"]')
  await ask(page, 'hi there')
  await expect(page.getByTestId('chat-status')).toHaveText('done', { timeout: 15_000 })
  await expect(assistantText(page)).toHaveText(fakeOpenAIAnswer('hi there'))

  const { snapshots } = await readTimeline(page)
  expect(
    new Set(snapshots.filter((text) => text.includes('Hello from the fake'))).size,
  ).toBeGreaterThanOrEqual(5)
  const after = await fakeStats()
  expect(after.streamsCompleted).toBe(before.streamsCompleted + 1)
  expect(after.lastRequest).toEqual({ model: openai.model, stream: true, lastUserMessage: 'hi there' })
})

test('Stop aborts the upstream request to the OpenAI-compatible server', async ({ page }) => {
  const before = await fakeStats()
  await page.goto('/chat')
  await ask(page, 'tell me a long story')
  await expect(assistantText(page)).toContainText('Hello from the fake')
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(page.getByTestId('chat-status')).toHaveText('aborted')
  await expect
    .poll(async () => (await fakeStats()).streamsAborted, { timeout: 5_000 })
    .toBe(before.streamsAborted + 1)
  expect((await fakeStats()).streamsCompleted).toBe(before.streamsCompleted)
})

test('the API key never reaches the browser', async ({ page, request }) => {
  const bodies: string[] = []
  page.on('response', async (response) => {
    bodies.push(await response.text().catch(() => ''))
  })
  await page.goto('/chat')
  await ask(page, 'hello')
  await expect(page.getByTestId('chat-status')).toHaveText('done', { timeout: 15_000 })
  const scripts = await page
    .locator('script[src]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('src') ?? ''))
  for (const src of scripts) bodies.push(await (await request.get(src)).text())
  expect(bodies.length).toBeGreaterThan(2)
  for (const body of bodies) expect(body).not.toContain(openai.apiKey)
})

test('test-only hooks are off when STREAMKIT_E2E is not set', async ({ request }) => {
  expect((await request.get('/api/test/cleanup')).status()).toBe(404)
  expect((await request.get('/api/test/heartbeat?heartbeatMs=1000')).status()).toBe(404)
  const response = await request.post('/api/chat', {
    data: { messages: [{ role: 'user', content: 'trigger error' }] },
  })
  expect(response.status()).toBe(200)
  const body = await response.text()
  expect(body).toContain('event: finish')
  expect(body).not.toContain('event: error')
})
