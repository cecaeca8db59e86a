import { expect, type Page, test } from '@playwright/test'
import { readCleanupCounters } from './support/cleanup-counters'
import { readTimeline, watchText } from './support/dom-timeline'

async function ask(page: Page, message: string) {
  await page.getByLabel('Message').fill(message)
  await page.getByRole('button', { name: 'Send' }).click()
}

const assistant = (page: Page) => page.locator('[data-role="assistant"]').last()

test('the chat says it is using the local demo model when no API key is set', async ({ page }) => {
  await page.goto('/chat')
  await expect(page.getByTestId('model-label')).toHaveText('Local demo model')
})

test('chat tokens appear progressively, then the answer is marked complete', async ({ page }) => {
  await page.goto('/chat')
  await watchText(page, '[data-testid="messages"]')
  await ask(page, 'hello')
  await expect(page.getByTestId('chat-status')).toHaveText('done', { timeout: 15_000 })
  await expect(assistant(page)).toHaveAttribute('data-state', 'complete')
  const finalText = await assistant(page).getByTestId('assistant-text').textContent()
  expect(finalText).toMatch(/^Hello! I am the local demo model/)
  expect(finalText).toMatch(/arrived as its own chunk over a server-sent events stream\.$/)

  const { snapshots } = await readTimeline(page)
  const intermediate = snapshots.filter((text) => text.includes('Hello!') && !text.endsWith('stream.'))
  expect(new Set(intermediate).size).toBeGreaterThanOrEqual(5)
})

test('Stop ends the stream and the server cleans up the model stream', async ({ page, request }) => {
  const before = await readCleanupCounters(request)
  await page.goto('/chat')
  await ask(page, 'explain streaming')
  await expect(assistant(page).getByTestId('assistant-text')).toContainText('Streaming means')
  await page.getByRole('button', { name: 'Stop' }).click()

  await expect(page.getByTestId('chat-status')).toHaveText('aborted')
  await expect(assistant(page)).toHaveAttribute('data-state', 'stopped')
  await expect(assistant(page)).toContainText('Stopped: the answer is incomplete.')
  await expect
    .poll(async () => (await readCleanupCounters(request)).chat.aborted, { timeout: 5_000 })
    .toBe(before.chat.aborted + 1)
  const after = await readCleanupCounters(request)
  expect(after.chat.started).toBe(before.chat.started + 1)
  expect(after.chat.finished).toBe(before.chat.finished)

  const stoppedText = await assistant(page).getByTestId('assistant-text').textContent()
  await page.waitForTimeout(400)
  await expect(assistant(page).getByTestId('assistant-text')).toHaveText(stoppedText ?? '')
})

test('an injected server error shows as an error, not as a complete answer', async ({ page }) => {
  await page.goto('/chat')
  await ask(page, 'trigger error')
  await expect(page.getByTestId('chat-status')).toHaveText('error', { timeout: 15_000 })
  const alert = page.getByTestId('chat-error')
  await expect(alert).toHaveRole('alert')
  await expect(alert).toHaveText('The model failed while answering. Please try again.')
  await expect(assistant(page)).toHaveAttribute('data-state', 'error')
  await expect(assistant(page)).toContainText('cut off by an error')
  await expect(assistant(page).getByTestId('assistant-text')).not.toHaveText('')
  await expect(page.getByText('Injected failure')).toHaveCount(0)
})

test('a second question continues the conversation below the first answer', async ({ page }) => {
  await page.goto('/chat')
  await ask(page, 'hello')
  await expect(page.getByTestId('chat-status')).toHaveText('done', { timeout: 15_000 })
  await ask(page, 'how does stop work?')
  await expect(page.getByTestId('chat-status')).toHaveText('done', { timeout: 15_000 })

  const messages = page.getByTestId('messages').locator('[data-role]')
  await expect(messages).toHaveCount(4)
  expect(await messages.evaluateAll((items) => items.map((item) => item.getAttribute('data-role')))).toEqual([
    'user',
    'assistant',
    'user',
    'assistant',
  ])
  await expect(messages.nth(1)).toContainText('Hello! I am the local demo model')
  await expect(messages.nth(3)).toContainText('Pressing Stop aborts the fetch')
  await expect(page.locator('[data-state="complete"][data-role="assistant"]')).toHaveCount(2)
})

test('the chat can be used with the keyboard alone', async ({ page }) => {
  await page.goto('/chat')
  await page.getByLabel('Message').focus()
  await page.keyboard.type('hello')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('chat-status')).toHaveText('done', { timeout: 15_000 })
  await expect(page.locator('[data-role="user"]')).toHaveText(/hello/)
})

test('keyboard focus is visible on the controls', async ({ page }) => {
  await page.goto('/chat')
  await page.getByLabel('Message').fill('hello')
  await page.getByLabel('Message').focus()
  await page.keyboard.press('Tab')
  const send = page.getByRole('button', { name: 'Send' })
  await expect(send).toBeFocused()
  expect(await send.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid')
})
