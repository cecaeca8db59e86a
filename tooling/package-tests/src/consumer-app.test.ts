// The published artifacts, used by a real consumer: both tarballs installed with npm into a scratch Next.js
// app outside the workspace, type-checked, built, started, and streamed through (route + page in Chromium).
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { type Browser, chromium } from '@playwright/test'
import { CHROMIUM_ARGS, resolveChromium } from '@repo/e2e/chromium'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createScratchApp,
  installAndBuild,
  type RunningServer,
  releaseChunk,
  type ScratchApp,
  startServer,
} from './consumer-app'
import { httpRequest, readText } from './http-request'
import { isolatedEnv } from './isolated-env'
import { run } from './pack.js'

let app: ScratchApp
let server: RunningServer
let browser: Browser
let runs = 0

/** A fresh id per stream, so gates of one test never open another's. */
function nextRun(): string {
  runs += 1
  return `run-${runs}`
}

function installedManifest(name: string): { dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(app.dir, 'node_modules', name, 'package.json'), 'utf8'))
}

beforeAll(async () => {
  app = createScratchApp()
  installAndBuild(app)
  server = await startServer(app)
  const { executablePath } = resolveChromium()
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (app) rmSync(dirname(app.dir), { recursive: true, force: true })
})

describe('installing the tarballs', () => {
  it('stream-react depends on the packed stream-core version, not a workspace range', () => {
    const dependencies = installedManifest(app.react.name).dependencies ?? {}
    expect(dependencies[app.core.name]).toBe(`^${app.core.version}`)
  })

  it('resolves stream-react’s stream-core to the one copy installed from the local tarball', () => {
    const nested = join(app.dir, 'node_modules', app.react.name, 'node_modules', app.core.name)
    expect(existsSync(nested)).toBe(false)
    const lock = JSON.parse(readFileSync(join(app.dir, 'package-lock.json'), 'utf8'))
    const resolved = String(lock.packages[`node_modules/${app.core.name}`].resolved)
    expect(resolved.startsWith('file:')).toBe(true)
    expect(resolve(app.dir, resolved.slice('file:'.length))).toBe(app.core.tarball)
  })
})

describe('types', () => {
  const tsc = (project: string) => () =>
    run(process.execPath, [join(app.dir, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', project], {
      cwd: app.dir,
      env: isolatedEnv(),
    })

  it('type-checks the app against the shipped declarations (tsc --noEmit)', () => {
    expect(tsc('tsconfig.json')).not.toThrow()
  })

  it('ships declarations that type-check on their own with skipLibCheck off', () => {
    expect(tsc('tsconfig.declarations.json')).not.toThrow()
  })
})

describe('a route built with streamResponse', () => {
  it('sends each chunk as soon as the source produces it', async () => {
    const id = nextRun()
    const response = await httpRequest(`${server.baseUrl}/api/gated?run=${id}`)
    const chunks = response[Symbol.asyncIterator]()
    const read = async () => {
      const { value, done } = await chunks.next()
      return done ? null : String(value)
    }

    // The source yields the next word only after the test released it: each read is one chunk.
    expect(await read()).toBe('alpha ')
    await releaseChunk(server.baseUrl, id, 1)
    expect(await read()).toBe('beta ')
    await releaseChunk(server.baseUrl, id, 2)
    expect(await read()).toBe('gamma')
    expect(await read()).toBeNull()
  })

  it('answers with the text format’s headers', async () => {
    const id = nextRun()
    await releaseChunk(server.baseUrl, id, 1)
    await releaseChunk(server.baseUrl, id, 2)
    const response = await httpRequest(`${server.baseUrl}/api/gated?run=${id}`)
    expect(await readText(response)).toBe('alpha beta gamma')
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(response.headers['cache-control']).toContain('no-transform')
  })
})

describe('the stream-core/ai subpath', () => {
  it('streams AI SDK parts as NDJSON events without the optional ai peer installed', async () => {
    expect(existsSync(join(app.dir, 'node_modules/ai'))).toBe(false)
    const response = await httpRequest(`${server.baseUrl}/api/ai`)
    const events = (await readText(response))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line))
    expect(events).toEqual([
      { type: 'text', delta: 'Hello' },
      { type: 'text', delta: ', consumer' },
      { type: 'finish', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } },
    ])
  })
})

describe('the README examples', () => {
  it('are all in the app, so tsc and next build check them', () => {
    expect(app.readmeExamples).toEqual([
      'app/api/countdown/route.ts',
      'lib/countdown.ts',
      'app/api/story/route.ts',
      'app/story.tsx',
    ])
  })

  it('stream-core’s countdown route streams its items as NDJSON', async () => {
    const body = await readText(await httpRequest(`${server.baseUrl}/api/countdown`))
    expect(
      body
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line)),
    ).toEqual([{ n: 3 }, { n: 2 }, { n: 1 }])
  })

  it('stream-react’s story route streams the whole story', async () => {
    expect(await readText(await httpRequest(`${server.baseUrl}/api/story`))).toBe('Once upon a time.')
  })
})

describe('a page using useTextStream', () => {
  async function openPage(id: string) {
    const page = await browser.newPage()
    await page.goto(`${server.baseUrl}/?run=${id}`)
    await page.locator('section[data-hydrated="true"]').waitFor()
    await page.getByRole('button', { name: 'Start' }).click()
    const text = () => page.getByTestId('text').textContent()
    const status = () => page.getByTestId('status').textContent()
    return { page, text, status }
  }

  it('renders the text while it is still streaming', async () => {
    const id = nextRun()
    const { page, text, status } = await openPage(id)
    try {
      await expect.poll(text, { timeout: 30_000 }).toBe('alpha ')
      expect(await status()).toBe('streaming')
      await releaseChunk(server.baseUrl, id, 1)
      await expect.poll(text, { timeout: 30_000 }).toBe('alpha beta ')
    } finally {
      await releaseChunk(server.baseUrl, id, 2)
      await page.close()
    }
  })

  it('shows the whole text and status done when the stream ends', async () => {
    const id = nextRun()
    await releaseChunk(server.baseUrl, id, 1)
    await releaseChunk(server.baseUrl, id, 2)
    const { page, text, status } = await openPage(id)
    try {
      await expect.poll(status, { timeout: 30_000 }).toBe('done')
      expect(await text()).toBe('alpha beta gamma')
    } finally {
      await page.close()
    }
  })
})
