import { expect, test } from '@playwright/test'

test('the home page streams the tutorial example into the page', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Stream' }).click()
  await expect(page.getByTestId('stream-output')).toHaveText('hello world')
})
