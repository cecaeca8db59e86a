import { expect, test } from '@playwright/test'

test('the inspector draws one mark per chunk of /api/stream', async ({ page }) => {
  await page.goto('/inspector')
  await page.getByLabel('Endpoint').selectOption({ label: 'GET /api/stream (text, Edge)' })
  await page.getByRole('button', { name: 'Inspect' }).click()
  await expect(page.getByTestId('inspector-status')).toHaveText('done')

  const marks = page.getByTestId('chunk-mark')
  await expect(marks).toHaveCount(3)
  await expect(page.getByTestId('inspector-count')).toHaveText('3')
  await expect(page.locator('tbody tr')).toHaveCount(3)
  const arrivals = await marks.evaluateAll((nodes) =>
    nodes.map((node) => Number(node.getAttribute('data-arrived-ms'))),
  )
  // "hello", " ", "world" are made 200 ms apart; the first and the last must arrive at least one whole pause
  // apart. Not two: the server reads one item ahead, so the first pause already runs while "hello" is on its
  // way to a page still busy loading (first and last measured 332-379 ms apart here, first gaps 141-184 ms).
  expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0), arrivals.join(', ')).toBeGreaterThanOrEqual(200)
  await expect(page.getByTestId('inspector-ttfb')).toHaveText(/^\d+ ms$/)
})

test('the inspector draws marks live, before the response has ended', async ({ page }) => {
  await page.goto('/inspector')
  await page.getByLabel('Endpoint').selectOption({ label: 'GET /api/job (SSE)' })
  await page.getByRole('button', { name: 'Inspect' }).click()
  const marks = page.getByTestId('chunk-mark')
  await expect(marks.first()).toBeVisible()
  await expect(page.getByTestId('inspector-status')).toHaveText('streaming')
  const whileStreaming = await marks.count()

  await expect(page.getByTestId('inspector-status')).toHaveText('done', { timeout: 10_000 })
  const total = await marks.count()
  // ~22 events 100 ms apart: a loaded machine may merge a few chunks, never most of them.
  expect(total).toBeGreaterThanOrEqual(10)
  expect(total).toBeGreaterThan(whileStreaming)
  await expect(page.getByTestId('inspector-count')).toHaveText(String(total))
  await expect(page.locator('tbody tr')).toHaveCount(total)
})
