import { expect, test } from '@playwright/test'

test('the docs home page renders', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('streamkit documentation')
})
