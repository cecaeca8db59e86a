import { expect, type Page, test } from '@playwright/test'
import { gaps, readTimeline, seenAt, watchText } from './support/dom-timeline'

function arrivals(page: Page, testId: string) {
  return page
    .getByTestId(`${testId}-chunks`)
    .locator('li')
    .evaluateAll((items) =>
      items.map((item) => ({
        chunk: item.getAttribute('data-chunk') ?? '',
        at: Number(item.getAttribute('data-arrived-ms')),
      })),
    )
}

test('the home page streams the tutorial example into the page', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Stream' }).click()
  await expect(page.getByTestId('stream-output')).toHaveText('hello world')
  await expect(page.getByTestId('stream-status')).toHaveText('done')
})

test('the home page links to every demo', async ({ page }) => {
  await page.goto('/')
  const main = page.getByRole('main')
  for (const name of ['AI chat', 'Long job', 'Records', 'Stream inspector']) {
    await expect(main.getByRole('link', { name })).toBeVisible()
  }
})

test('/api/stream: "hello" is in the DOM at least 150 ms before "world"', async ({ page }) => {
  await page.goto('/')
  await watchText(page, '[data-testid="stream-output"]', ['hello', 'world'])
  await page.getByRole('button', { name: 'Stream' }).click()
  await expect(page.getByTestId('stream-output')).toHaveText('hello world')

  const { firstSeen } = await readTimeline(page)
  expect(seenAt(firstSeen, 'world') - seenAt(firstSeen, 'hello')).toBeGreaterThanOrEqual(150)

  const recorded = await arrivals(page, 'stream')
  const hello = recorded.find((arrival) => arrival.chunk.includes('hello'))
  const world = recorded.find((arrival) => arrival.chunk.includes('world'))
  expect(hello && world && world.at - hello.at).toBeGreaterThanOrEqual(150)
})

/**
 * One click on "Iterate", measured: when each token reached the DOM, and the arrival times the page recorded.
 */
async function iterateOnce(page: Page) {
  await page.goto('/')
  await watchText(page, '[data-testid="iterator-output"]', ['one', 'two', 'three'])
  await page.getByRole('button', { name: 'Iterate' }).click()
  await expect(page.getByTestId('iterator-output')).toHaveText('onetwothree')
  const { firstSeen } = await readTimeline(page)
  const recorded = await arrivals(page, 'iterator')
  return {
    chunks: recorded.map((arrival) => arrival.chunk),
    domGap: Math.min(...gaps(['one', 'two', 'three'].map((needle) => seenAt(firstSeen, needle)))),
    arrivalGap: Math.min(...gaps(recorded.map((arrival) => arrival.at))),
  }
}

test('/api/iterator: "one", "two" and "three" reach the DOM about 100 ms apart', async ({ page }) => {
  // The tokens leave the server 100 ms apart. On a machine starved of CPU one gap can shrink (a late chunk
  // catches up with the next), so a run may be repeated up to twice; a server or client that buffered the
  // response would fail every run.
  let run = await iterateOnce(page)
  let attempts = 1
  for (; attempts < 3 && Math.min(run.domGap, run.arrivalGap) < 60; attempts++) run = await iterateOnce(page)
  test.info().annotations.push({ type: 'runs', description: String(attempts) })
  expect(run.chunks).toEqual(['one', 'two', 'three'])
  expect(run.domGap).toBeGreaterThanOrEqual(60)
  expect(run.arrivalGap).toBeGreaterThanOrEqual(60)
})
