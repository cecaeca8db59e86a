import { expect, test } from '@playwright/test'
import { allPages } from '../lib/nav'
import { collectErrors, waitForHydration } from './console'

test.describe.configure({ timeout: 240_000 })

test('every page renders its title without console errors', async ({ page }) => {
  const errors = collectErrors(page)
  for (const { href, title } of allPages) {
    const response = await page.goto(href)
    expect(response?.status(), href).toBe(200)
    await expect(page.getByRole('heading', { level: 1 }), href).toHaveText(title)
    await waitForHydration(page)
  }
  expect(errors).toEqual([])
})

test('no internal link is broken: every same-origin href answers 200 and every #anchor exists', async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? '').origin
  const idsByPath = new Map<string, Set<string>>()
  const anchors: { from: string; path: string; hash: string }[] = []
  const queue = ['/']
  const statuses = new Map<string, number>()

  while (queue.length > 0) {
    const path = queue.shift() ?? '/'
    if (statuses.has(path)) continue
    const response = await page.goto(path)
    statuses.set(path, response?.status() ?? 0)
    const isHtml = (response?.headers()['content-type'] ?? '').includes('text/html')
    if (!isHtml) continue
    idsByPath.set(
      path,
      new Set(await page.locator('[id]').evaluateAll((nodes) => nodes.map((node) => node.id))),
    )
    const hrefs = await page
      .locator('a[href]')
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href))
    for (const href of hrefs) {
      const url = new URL(href)
      if (url.origin !== origin) continue
      if (url.hash)
        anchors.push({ from: path, path: url.pathname, hash: decodeURIComponent(url.hash.slice(1)) })
      if (!statuses.has(url.pathname) && !queue.includes(url.pathname)) queue.push(url.pathname)
    }
  }

  const broken = [...statuses].filter(([, status]) => status !== 200)
  expect(broken).toEqual([])
  const missingAnchors = anchors.filter(({ path, hash }) => !idsByPath.get(path)?.has(hash))
  expect(missingAnchors).toEqual([])
  // The crawl reached every page of the sidebar, and the links it checked include heading anchors.
  expect(allPages.map((page) => page.href).filter((href) => !statuses.has(href))).toEqual([])
  expect(anchors.length).toBeGreaterThan(0)
})

test('the sidebar marks the current page and the pager links to the neighbours', async ({ page }) => {
  await page.goto('/getting-started')
  const sidebar = page.getByRole('navigation', { name: 'Documentation' })
  await expect(sidebar.getByRole('link', { name: 'Getting started' })).toHaveAttribute('aria-current', 'page')
  for (const { title } of allPages)
    await expect(sidebar.getByRole('link', { name: title, exact: true })).toBeVisible()

  const pager = page.getByRole('navigation', { name: 'Previous and next page' })
  await expect(pager.getByRole('link', { name: /Previous/ })).toHaveAttribute('href', '/')
  await pager.getByRole('link', { name: /Next/ }).click()
  await expect(page).toHaveURL(/\/examples$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Live examples')
})

test('a heading links to its own anchor', async ({ page }) => {
  await page.goto('/reference/response')
  const heading = page.locator('h3#streamresponseoptions')
  await expect(heading).toContainText('StreamResponseOptions')
  await expect(heading.getByRole('link', { name: 'Link to section StreamResponseOptions' })).toHaveAttribute(
    'href',
    '#streamresponseoptions',
  )
})

test.describe('on a narrow screen', () => {
  test.use({ viewport: { width: 390, height: 800 } })

  test('the sidebar folds behind a Menu button that closes after navigating', async ({ page }) => {
    await page.goto('/concepts/errors')
    await waitForHydration(page)
    const sidebar = page.getByRole('navigation', { name: 'Documentation' })
    const menu = sidebar.getByRole('button', { name: 'Menu' })
    const link = sidebar.getByRole('link', { name: 'React hooks' })
    await expect(link).toBeHidden()
    await menu.click()
    await expect(menu).toHaveAttribute('aria-expanded', 'true')
    await link.click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('React hooks')
    await expect(menu).toHaveAttribute('aria-expanded', 'false')
    await expect(link).toBeHidden()
  })
})

test.describe('on a wide screen', () => {
  test.use({ viewport: { width: 1440, height: 900 } })

  test('"On this page" lists the sections of the current page and follows navigation', async ({ page }) => {
    await page.goto('/reference/response')
    await waitForHydration(page)
    const toc = page.getByRole('navigation', { name: 'On this page' })
    await expect(toc.getByRole('link', { name: 'StreamResponseOptions', exact: true })).toHaveAttribute(
      'href',
      '#streamresponseoptions',
    )
    await page
      .getByRole('navigation', { name: 'Documentation' })
      .getByRole('link', { name: 'Errors' })
      .click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Errors')
    await expect(toc.getByRole('link', { name: 'HttpError', exact: true })).toBeVisible()
    await expect(toc.getByRole('link', { name: 'StreamResponseOptions', exact: true })).toHaveCount(0)
  })
})

test('the performance page shows the latest benchmark chart as a loaded image', async ({ page }) => {
  await page.goto('/performance')
  const chart = page.getByRole('img', { name: /Benchmark results of the run on \d{4}-\d{2}-\d{2}/ })
  await expect(chart).toBeVisible()
  // The data URL must decode to a real SVG: a broken image has no natural size.
  await expect
    .poll(() => chart.evaluate((image: HTMLImageElement) => image.naturalWidth))
    .toBeGreaterThan(100)
  await expect(page.getByText(/Latest full run: \d{4}-\d{2}-\d{2}, .+ cores, Node v\d+/)).toBeVisible()
})
