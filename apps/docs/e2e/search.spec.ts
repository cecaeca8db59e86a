import { expect, test } from '@playwright/test'
import { waitForHydration } from './console'

test('search finds a page by a word that only appears in its body', async ({ page }) => {
  await page.goto('/')
  await waitForHydration(page)
  await page.getByRole('searchbox', { name: 'Search the docs' }).fill('LiteLLM')
  const results = page.getByRole('list', { name: 'Search results' })
  const result = results.getByRole('link', { name: /AI SDK chat/ })
  await expect(result).toBeVisible()
  await result.click()
  await expect(page).toHaveURL(/\/recipes\/ai-chat$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('AI SDK chat')
})

test('search is usable from the keyboard', async ({ page }) => {
  await page.goto('/concepts/backpressure')
  await waitForHydration(page)
  await page.keyboard.press('/')
  const input = page.getByRole('searchbox', { name: 'Search the docs' })
  await expect(input).toBeFocused()
  await page.keyboard.type('X-Accel-Buffering')
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('link').first()).toBeVisible()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('link').first()).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).not.toHaveURL(/\/concepts\/backpressure$/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})

test('search says so when nothing matches', async ({ page }) => {
  await page.goto('/')
  await waitForHydration(page)
  await page.getByRole('searchbox', { name: 'Search the docs' }).fill('zebracorn')
  await expect(page.getByText('No page matches “zebracorn”.')).toBeVisible()
})
