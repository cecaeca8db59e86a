import { expect, test } from '@playwright/test'
import { readCleanupCounters } from './support/cleanup-counters'

test('records stream in as NDJSON rows and the cursor closes at the end', async ({ page, request }) => {
  const before = await readCleanupCounters(request)
  await page.goto('/records')
  await page.getByRole('button', { name: 'Load records' }).click()
  await expect.poll(async () => page.locator('tbody tr').count()).toBeGreaterThan(0)
  expect(await page.locator('tbody tr').count()).toBeLessThan(200)

  await expect(page.getByTestId('records-status')).toHaveText('done', { timeout: 15_000 })
  await expect(page.locator('tbody tr')).toHaveCount(200)
  await expect(page.locator('tbody tr').first()).toContainText('Grace #1')
  const after = await readCleanupCounters(request)
  expect(after.records.finished).toBe(before.records.finished + 1)
})

test('Stop closes the database cursor on the server', async ({ page, request }) => {
  const before = await readCleanupCounters(request)
  await page.goto('/records')
  await page.getByRole('button', { name: 'Load records' }).click()
  await expect.poll(async () => page.locator('tbody tr').count()).toBeGreaterThan(0)
  await page.getByRole('button', { name: 'Stop' }).click()

  await expect(page.getByTestId('records-status')).toHaveText('aborted')
  await expect
    .poll(async () => (await readCleanupCounters(request)).records.aborted, { timeout: 5_000 })
    .toBe(before.records.aborted + 1)
  expect((await readCleanupCounters(request)).records.finished).toBe(before.records.finished)
})

test('the records route answers with NDJSON', async ({ request }) => {
  const response = await request.get('/api/records?limit=3')
  expect(response.headers()['content-type']).toMatch(/^application\/x-ndjson/)
  const lines = (await response.text()).split('\n').filter((line) => line.trim() !== '')
  expect(lines.map((line) => (JSON.parse(line) as { id: number }).id)).toEqual([1, 2, 3])
})
