// A throwaway redis-server for e2e runs that need a shared Redis: loopback only, no persistence, on a free
// port, stopped by the caller. Where redis-server is missing it installs Debian's package when running as
// root on Debian (like chromium.js does for the browser); anywhere else it stops with one line naming the
// command to run. Never a silent skip.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { freePort } from './chromium.js'

const BINARY = '/usr/bin/redis-server'

/** Thrown when redis-server can be neither found nor installed; its message is the one line a person needs. */
export class RedisServerNotFoundError extends Error {
  name = 'RedisServerNotFoundError'
}

function onPath() {
  try {
    return execFileSync('which', ['redis-server'], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

function canAptInstall() {
  return (
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    existsSync('/usr/bin/apt-get') &&
    existsSync('/etc/debian_version')
  )
}

/**
 * The redis-server binary to run: the system one, or Debian's package installed now (as root on Debian).
 * @returns {string}
 */
export function resolveRedisServer() {
  if (existsSync(BINARY)) return BINARY
  const found = onPath()
  if (found) return found
  if (canAptInstall()) {
    console.log("[e2e] No redis-server found: installing Debian's redis-server package...")
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env })
    if (existsSync(BINARY)) return BINARY
  }
  throw new RedisServerNotFoundError(
    'The Redis e2e tests need redis-server: run `sudo apt-get install -y redis-server`, then run the tests again.',
  )
}

/** @param {import('node:child_process').ChildProcess} child */
function ready(child) {
  return new Promise((resolve, reject) => {
    let output = ''
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve(undefined)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('error', reject)
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited with ${code}: ${output.trim().split('\n').at(-1) ?? ''}`)),
    )
  })
}

/** @param {import('node:child_process').ChildProcess} child */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve(undefined))
    child.kill('SIGTERM')
  })
}

/**
 * Starts redis-server on a free 127.0.0.1 port (a few attempts, since a free port can be taken before
 * redis-server binds it). Also stopped if this process exits first.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startRedisServer() {
  const binary = resolveRedisServer()
  let lastError
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = freePort()
    const child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const killOnExit = () => child.kill('SIGKILL')
    process.once('exit', killOnExit)
    try {
      await ready(child)
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: async () => {
          await stop(child)
          process.off('exit', killOnExit)
        },
      }
    } catch (error) {
      lastError = error
      await stop(child)
      process.off('exit', killOnExit)
    }
  }
  throw new Error(`redis-server did not start: ${String(lastError)}`)
}
