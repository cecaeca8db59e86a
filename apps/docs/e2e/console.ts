import type { Page } from '@playwright/test'

/** Collects console errors and uncaught page errors of `page` from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  return errors
}

/** Resolves once React has hydrated the page (components/hydration-marker.tsx). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' })
}

/**
 * The console error Chromium logs when a response body breaks off. The reconnect example causes it on
 * purpose (its route drops the first connection), so specs that run that example expect it.
 */
export const SIMULATED_DROP = /net::ERR_INCOMPLETE_CHUNKED_ENCODING/

/** `errors` without the one the reconnect example causes on purpose. */
export function unexpected(errors: string[]): string[] {
  return errors.filter((error) => !SIMULATED_DROP.test(error))
}
