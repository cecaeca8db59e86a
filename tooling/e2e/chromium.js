// Finds a Chromium for Playwright, in this order: PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, Playwright's own
// downloaded browser, a system Chromium. Where there is none, installs Debian's `chromium` when running as
// root on Debian/Ubuntu, else stops with one line naming the command to run. Never a silent skip.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
]

/** Thrown when no Chromium can be found or installed; its message is the one line a person needs. */
export class ChromiumNotFoundError extends Error {
  name = 'ChromiumNotFoundError'
}

function playwrightOwnChromium() {
  try {
    const { chromium } = require('@playwright/test')
    const path = chromium.executablePath()
    return path && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

function systemChromium() {
  return SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate))
}

function canAptInstall() {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
}

function aptInstallChromium() {
  console.log(
    "[e2e] No Chromium found: installing Debian's chromium package (apt-get install -y chromium)...",
  )
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env })
}

/**
 * Where Playwright should launch Chromium from.
 * `undefined` means "Playwright's own browser" (launch without executablePath).
 * @param {{ install?: boolean }} [options]
 * @returns {{ executablePath: string | undefined, source: 'env' | 'playwright' | 'system' }}
 */
export function resolveChromium({ install = true } = {}) {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new ChromiumNotFoundError(
        `PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH points to ${fromEnv}, which does not exist.`,
      )
    }
    return { executablePath: fromEnv, source: 'env' }
  }
  if (playwrightOwnChromium()) return { executablePath: undefined, source: 'playwright' }
  const system = systemChromium()
  if (system) return { executablePath: system, source: 'system' }
  if (install && canAptInstall()) {
    aptInstallChromium()
    const installed = systemChromium()
    if (installed) return { executablePath: installed, source: 'system' }
  }
  throw new ChromiumNotFoundError(
    canAptInstall() || existsSync('/usr/bin/apt-get')
      ? 'No Chromium for the e2e suite: run `sudo apt-get install -y chromium` (or `pnpm exec playwright install chromium`), then run the tests again.'
      : 'No Chromium for the e2e suite: run `pnpm exec playwright install chromium`, then run the tests again.',
  )
}

/** Flags for headless Chromium on CI and in containers: no sandbox as root, no background network traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

/** A free TCP port on 127.0.0.1, found synchronously so a Playwright config can use it at load time. */
export function freePort() {
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  const port = Number(result.stdout)
  if (!Number.isInteger(port) || port <= 0) throw new Error(`Could not find a free port: ${result.stderr}`)
  return port
}
