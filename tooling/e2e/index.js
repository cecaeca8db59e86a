// The Playwright config both apps share: a production `next start` on a free loopback port, Chromium from
// resolveChromium(), and a JSON report that scripts/check.mjs reads to print how many tests ran.
import { defineConfig, devices } from '@playwright/test'
import { CHROMIUM_ARGS, freePort, resolveChromium } from './chromium.js'

/**
 * @param {{ name: string, env?: Record<string, string>, timeout?: number }} options
 */
export function defineAppE2EConfig({ name, env = {}, timeout = 30_000 }) {
  // The config is loaded again in every worker: the port chosen by the runner travels in the environment.
  const portVariable = `E2E_PORT_${name.toUpperCase().replace(/\W/g, '_')}`
  process.env[portVariable] ??= String(freePort())
  const port = Number(process.env[portVariable])
  const baseURL = `http://127.0.0.1:${port}`
  const { executablePath } = resolveChromium()

  return defineConfig({
    testDir: './e2e',
    timeout,
    fullyParallel: false,
    workers: 1,
    forbidOnly: Boolean(process.env.CI),
    retries: 0,
    reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
    use: {
      baseURL,
      trace: 'retain-on-failure',
      launchOptions: { executablePath, args: CHROMIUM_ARGS },
    },
    projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
    webServer: {
      command: `next start --hostname 127.0.0.1 --port ${port}`,
      url: baseURL,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { ...env, PORT: String(port) },
    },
  })
}
