// The Playwright config both apps share: a production `next start` on a free loopback port, Chromium from
// resolveChromium(), and a JSON report that scripts/check.mjs reads to print how many tests ran.
// With `fakeOpenAI: true` it also starts an OpenAI-compatible fake server and a second `next start` wired to
// it through OPENAI_API_KEY / OPENAI_BASE_URL, so the real OpenAI client is exercised over real HTTP.
import { fileURLToPath } from 'node:url'
import { defineConfig, devices } from '@playwright/test'
import { CHROMIUM_ARGS, freePort, resolveChromium } from './chromium.js'
import { FAKE_OPENAI_API_KEY } from './fake-openai-server.js'

/** The model name the OpenAI-wired app instance is configured with. */
export const FAKE_OPENAI_MODEL = 'fake-gpt-e2e'

const FAKE_OPENAI_SERVER = fileURLToPath(new URL('./fake-openai-server.js', import.meta.url))

/** @param {string} name @param {string} suffix */
function portVariable(name, suffix = '') {
  return `E2E_PORT_${name.toUpperCase().replace(/\W/g, '_')}${suffix}`
}

/**
 * A port chosen once by the runner; the config is loaded again in every worker, and the port travels to it in
 * the environment.
 * @param {string} variable
 */
function sharedPort(variable) {
  process.env[variable] ??= String(freePort())
  return Number(process.env[variable])
}

/**
 * Where the fake OpenAI server and the app instance wired to it listen, for tests of a config defined with
 * `fakeOpenAI: true`.
 * @param {string} name the app name given to defineAppE2EConfig
 * @returns {{ appURL: string, serverURL: string, apiKey: string, model: string }}
 */
export function fakeOpenAIEndpoints(name) {
  const serverPort = process.env[portVariable(name, '_FAKE_OPENAI')]
  const appPort = process.env[portVariable(name, '_OPENAI_APP')]
  if (!serverPort || !appPort) {
    throw new Error(`fakeOpenAIEndpoints('${name}'): the config was not defined with fakeOpenAI: true`)
  }
  return {
    appURL: `http://127.0.0.1:${appPort}`,
    serverURL: `http://127.0.0.1:${serverPort}`,
    apiKey: FAKE_OPENAI_API_KEY,
    model: FAKE_OPENAI_MODEL,
  }
}

/**
 * @param {{
 *   name: string,
 *   env?: Record<string, string>,
 *   timeout?: number,
 *   fakeOpenAI?: boolean | { env?: Record<string, string> },
 * }} options `env` goes to every app instance; `fakeOpenAI.env` is merged over it for the OpenAI-wired one.
 */
export function defineAppE2EConfig({ name, env = {}, timeout = 30_000, fakeOpenAI = false }) {
  const port = sharedPort(portVariable(name))
  const baseURL = `http://127.0.0.1:${port}`
  const { executablePath } = resolveChromium()

  /** @type {import('@playwright/test').TestConfig['webServer']} */
  const webServers = [
    {
      command: `next start --hostname 127.0.0.1 --port ${port}`,
      url: baseURL,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { ...env, PORT: String(port) },
    },
  ]
  if (fakeOpenAI) {
    const serverPort = sharedPort(portVariable(name, '_FAKE_OPENAI'))
    const appPort = sharedPort(portVariable(name, '_OPENAI_APP'))
    webServers.push(
      {
        command: `node ${JSON.stringify(FAKE_OPENAI_SERVER)} --port ${serverPort}`,
        url: `http://127.0.0.1:${serverPort}/health`,
        reuseExistingServer: false,
        timeout: 30_000,
        stdout: 'pipe',
        stderr: 'pipe',
      },
      {
        command: `next start --hostname 127.0.0.1 --port ${appPort}`,
        url: `http://127.0.0.1:${appPort}`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          ...env,
          ...(typeof fakeOpenAI === 'object' ? fakeOpenAI.env : {}),
          PORT: String(appPort),
          OPENAI_API_KEY: FAKE_OPENAI_API_KEY,
          OPENAI_BASE_URL: `http://127.0.0.1:${serverPort}/v1`,
          OPENAI_MODEL: FAKE_OPENAI_MODEL,
        },
      },
    )
  }

  return defineConfig({
    testDir: './e2e',
    // Playwright empties its output folder on start: keep it apart from test-results/unit.json (Vitest's report).
    outputDir: 'test-results/playwright',
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
    webServer: webServers,
  })
}
