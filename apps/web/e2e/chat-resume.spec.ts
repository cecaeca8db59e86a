import { expect, type Page, test } from '@playwright/test'
import { localAnswer } from '../lib/local-model'
import { readCleanupCounters } from './support/cleanup-counters'

async function ask(page: Page, message: string) {
  await page.getByLabel('Message').fill(message)
  await page.getByRole('button', { name: 'Send' }).click()
}

const assistant = (page: Page) => page.locator('[data-role="assistant"]').last()

/** The local model's full, deterministic answer to `question`. */
const answerTo = (question: string) =>
  localAnswer([{ role: 'user', content: [{ type: 'text', text: question }] }])

test('a reload during an answer reattaches to it: the answer completes in place, from one model call', async ({
  page,
  request,
}) => {
  const before = await readCleanupCounters(request)
  await page.goto('/chat')
  await ask(page, 'explain streaming')
  await expect(assistant(page).getByTestId('assistant-text')).toContainText('Streaming means the server')
  await expect(page.getByTestId('chat-status')).toHaveText('streaming')

  const chatRequests: Array<{ method: string; path: string; lastEventId: string | undefined }> = []
  page.on('request', (sent) => {
    const { pathname } = new URL(sent.url())
    if (pathname.startsWith('/api/chat')) {
      chatRequests.push({
        method: sent.method(),
        path: pathname,
        lastEventId: sent.headers()['last-event-id'],
      })
    }
  })
  await page.reload()

  await expect(page.locator('[data-role="user"]')).toHaveText([/explain streaming/])
  await expect(page.getByTestId('chat-status')).toHaveText('done', { timeout: 15_000 })
  await expect(page.locator('[data-role="assistant"]')).toHaveCount(1)
  await expect(assistant(page)).toHaveAttribute('data-state', 'complete')
  await expect(assistant(page).getByTestId('assistant-text')).toHaveText(answerTo('explain streaming'))

  // The page reattached with GET /api/chat/[id] and Last-Event-ID: it did not ask again.
  expect(chatRequests).toHaveLength(1)
  expect(chatRequests[0]?.method).toBe('GET')
  expect(chatRequests[0]?.path).toMatch(/^\/api\/chat\/[0-9a-f-]{36}$/)
  expect(Number(chatRequests[0]?.lastEventId)).toBeGreaterThan(0)
  const after = await readCleanupCounters(request)
  expect(after.modelCalls).toBe(before.modelCalls + 1)
  expect(after.chat.started).toBe(before.chat.started + 1)
})

test('a reload after an answer restores the conversation without asking again', async ({ page, request }) => {
  await page.goto('/chat')
  await ask(page, 'hello')
  await expect(page.getByTestId('chat-status')).toHaveText('done', { timeout: 15_000 })
  const before = await readCleanupCounters(request)

  await page.reload()
  await expect(page.locator('[data-role="assistant"]')).toHaveCount(1)
  await expect(assistant(page)).toHaveAttribute('data-state', 'complete')
  await expect(assistant(page).getByTestId('assistant-text')).toHaveText(answerTo('hello'))
  await expect(page.getByTestId('chat-status')).toHaveText('idle')
  expect((await readCleanupCounters(request)).modelCalls).toBe(before.modelCalls)
})

test('a stopped answer stays stopped after a reload', async ({ page }) => {
  await page.goto('/chat')
  await ask(page, 'explain streaming')
  await expect(assistant(page).getByTestId('assistant-text')).toContainText('Streaming means')
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(page.getByTestId('chat-status')).toHaveText('aborted')
  const stoppedText = await assistant(page).getByTestId('assistant-text').textContent()

  await page.reload()
  await expect(assistant(page)).toHaveAttribute('data-state', 'stopped')
  await expect(assistant(page).getByTestId('assistant-text')).toHaveText(stoppedText ?? '')
  await expect(page.getByTestId('chat-status')).toHaveText('idle')
})
