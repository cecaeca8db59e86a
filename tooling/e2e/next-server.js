// Starts extra `next start` instances of an app from inside a test (Playwright's webServer starts only the
// fixed set in the config): each on a free 127.0.0.1 port, in its own process group, ready when it answers
// HTTP, and stopped (the whole group) by the caller or, at the latest, when this process exits.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { freePort } from './chromium.js'

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function killGroup(child, signal) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}

/** @param {import('node:child_process').ChildProcess} child */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve(undefined)
    })
    killGroup(child, 'SIGTERM')
  })
}

/**
 * Runs `next start` for the app in `cwd` (its production build must exist) with `env` added to this
 * process's environment, and waits until it answers `readyPath`.
 * @param {{ cwd: string, env?: Record<string, string>, readyPath?: string, timeoutMs?: number }} options
 * @returns {Promise<{ url: string, port: number, output: () => string, stop: () => Promise<void> }>}
 */
export async function startNextServer({ cwd, env = {}, readyPath = '/', timeoutMs = 120_000 }) {
  const require = createRequire(join(cwd, 'package.json'))
  const nextBin = require.resolve('next/dist/bin/next')
  const port = freePort()
  const child = spawn(
    process.execPath,
    [nextBin, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  )
  let output = ''
  /** @param {Buffer} chunk */
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const killOnExit = () => killGroup(child, 'SIGKILL')
  process.once('exit', killOnExit)
  const server = {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    stop: async () => {
      await stop(child)
      process.off('exit', killOnExit)
    },
  }

  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.stop()
      throw new Error(`next start exited early (${child.exitCode ?? child.signalCode}):\n${output}`)
    }
    try {
      const response = await fetch(`${server.url}${readyPath}`, { signal: AbortSignal.timeout(5_000) })
      await response.body?.cancel()
      return server
    } catch {
      await sleep(200)
    }
  }
  await server.stop()
  throw new Error(`next start did not answer on ${server.url} within ${timeoutMs} ms:\n${output}`)
}
