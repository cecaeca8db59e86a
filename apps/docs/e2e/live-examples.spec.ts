import { expect, type Locator, type Page, test } from '@playwright/test'
import { allPages } from '../lib/nav'
import { collectErrors, unexpected, waitForHydration } from './console'

test.describe.configure({ timeout: 120_000 })

// The example sources wait 250 ms between items (lib/examples/sources.ts). A gap of 100 ms or more between
// two arrivals can only come from the server sending them apart: a buffered response arrives in one piece.
// Each check asks for fewer separate gaps than the example has, because the first gap runs short: the server
// reads one item ahead, so the second item's pause starts while the first is still on its way to a page busy
// just after loading (first gaps of 156-250 ms measured here, and 94 ms once in CI). A buffered response has
// no separate gap at all.
const SEPARATE_GAP_MS = 100

/** Starts the example and waits for the status it must end in. */
async function run(example: Locator, finalStatus: 'done' | 'error'): Promise<void> {
  await expect(example).toHaveAttribute('data-status', 'idle')
  await example.getByRole('button', { name: 'Start' }).click()
  await expect(example).toHaveAttribute('data-status', finalStatus, { timeout: 30_000 })
}

/** The arrival times (ms since the click) the example recorded for each chunk. */
async function arrivals(example: Locator): Promise<number[]> {
  return example
    .locator('[data-arrival-ms]')
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-arrival-ms'))))
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((time, index) => time - (times[index] ?? time))
}

/** At least `minChunks` chunks arrived, in at least `minChunks` pieces separated by a server-side pause. */
async function expectStreamedSeparately(example: Locator, minChunks: number): Promise<void> {
  const times = await arrivals(example)
  // The arrival times go into every message: a CI log then shows what arrived when.
  const log = `arrivals (ms since the click): ${times.join(', ')}`
  expect(times.length, log).toBeGreaterThanOrEqual(minChunks)
  expect(
    gaps(times).every((gap) => gap >= 0),
    log,
  ).toBe(true)
  expect(gaps(times).filter((gap) => gap >= SEPARATE_GAP_MS).length, log).toBeGreaterThanOrEqual(
    minChunks - 1,
  )
}

async function openExamples(page: Page): Promise<void> {
  await page.goto('/examples')
  await waitForHydration(page)
}

test('the text example streams a sentence word by word', async ({ page }) => {
  const errors = collectErrors(page)
  await openExamples(page)
  const example = page.locator('[data-live-example="text"]')
  await run(example, 'done')
  await expect(example.getByTestId('text-output')).toHaveText(
    'Every word of this sentence left the server on its own, a quarter of a second apart.',
  )
  await expectStreamedSeparately(example, 3)
  expect(errors).toEqual([])
})

test('the NDJSON example renders rows as they arrive', async ({ page }) => {
  const errors = collectErrors(page)
  await openExamples(page)
  const example = page.locator('[data-live-example="ndjson"]')
  await run(example, 'done')
  await expect(example.getByRole('row')).toHaveCount(7) // header + 6 rows
  await expectStreamedSeparately(example, 3)
  expect(errors).toEqual([])
})

test('the SSE example shows progress events arriving one by one', async ({ page }) => {
  const errors = collectErrors(page)
  await openExamples(page)
  const example = page.locator('[data-live-example="sse"]')
  await run(example, 'done')
  await expect(example.getByRole('progressbar', { name: 'Job progress' })).toHaveAttribute('value', '100')
  await expect(example.getByText('Step 6 of 6: Done (100%)')).toBeVisible()
  await expectStreamedSeparately(example, 3)
  expect(errors).toEqual([])
})

test('the failing example streams three rows, then shows the masked error frame and no secret', async ({
  page,
}) => {
  const errors = collectErrors(page)
  await openExamples(page)
  const example = page.locator('[data-live-example="failing"]')
  await run(example, 'error')
  await expect(example.getByTestId('stream-error')).toHaveText(
    'ErrorFrameError: The inventory is unavailable, try again later.',
  )
  await expect(example.getByText('Lisbon, Oslo, Nairobi')).toBeVisible()
  await expect(example).not.toContainText('hunter2')
  await expectStreamedSeparately(example, 2)
  expect(errors).toEqual([])
})

test('the reconnect example resumes after a dropped connection with Last-Event-ID', async ({ page }) => {
  const errors = collectErrors(page)
  await openExamples(page)
  const example = page.locator('[data-live-example="reconnect"]')
  await run(example, 'done')
  await expect(example.getByTestId('reconnect-output')).toHaveText(
    'Ticks received: 1, 2, 3, 4, 5, 6. Reconnected with Last-Event-ID: 3. Last event ID: 6.',
  )
  await expectStreamedSeparately(example, 3)
  // Only the truncated first body may be reported: Chromium logs it as a failed resource.
  expect(unexpected(errors)).toEqual([])
})

test('stopping an example ends it in the aborted status before it finishes', async ({ page }) => {
  await openExamples(page)
  const example = page.locator('[data-live-example="text"]')
  await example.getByRole('button', { name: 'Start' }).click()
  await expect(example.locator('[data-arrival-ms]').first()).toBeAttached()
  await example.getByRole('button', { name: 'Stop' }).click()
  await expect(example).toHaveAttribute('data-status', 'aborted')
  await expect(example.getByTestId('text-output')).not.toHaveText(/apart\.$/)
})

test('every live example embedded in any page streams', async ({ page }) => {
  const errors = collectErrors(page)
  let found = 0
  for (const { href } of allPages) {
    await page.goto(href)
    await waitForHydration(page)
    const examples = page.locator('[data-live-example]')
    for (let index = 0; index < (await examples.count()); index++) {
      const example = examples.nth(index)
      const failing = (await example.getAttribute('data-live-example')) === 'failing'
      await run(example, failing ? 'error' : 'done')
      await expectStreamedSeparately(example, failing ? 2 : 3)
      found++
    }
  }
  expect(found).toBeGreaterThanOrEqual(9)
  expect(unexpected(errors)).toEqual([])
})
