import { expect, test } from '@playwright/test'

test('the long-job progress bar climbs through intermediate values to 100 %', async ({ page }) => {
  await page.goto('/job')
  const progress = page.getByRole('progressbar')
  await expect(progress).toHaveAttribute('value', '0')
  await page.getByRole('button', { name: 'Start job' }).click()

  await expect
    .poll(async () => Number(await progress.getAttribute('value')), { timeout: 10_000 })
    .toBeGreaterThan(0)
  const midway = Number(await progress.getAttribute('value'))
  expect(midway).toBeLessThan(100)

  await expect(progress).toHaveAttribute('value', '100', { timeout: 10_000 })
  await expect(page.getByTestId('job-percent')).toHaveText('100 %')
  await expect(page.getByTestId('job-status')).toHaveText('done')
  await expect(page.getByTestId('job-summary')).toContainText('All records processed.')
})

test('the job route sends progress events then a done event', async ({ request }) => {
  const response = await request.get('/api/job')
  expect(response.headers()['content-type']).toMatch(/^text\/event-stream/)
  const body = await response.text()
  expect(body).toContain('event: progress\nid: 0\ndata: {"type":"progress","percent":0,')
  expect(body).toContain('"percent":100')
  expect(body.indexOf('event: done')).toBeGreaterThan(body.lastIndexOf('event: progress'))
})

test('a client reconnecting with Last-Event-ID resumes the job where it left off', async ({ request }) => {
  const response = await request.get('/api/job', { headers: { 'last-event-id': '50' } })
  const ids = [...(await response.text()).matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]))
  expect(ids[0]).toBe(55)
  expect(ids.at(-1)).toBe(100)
})
