import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'

const BINARY = '/usr/bin/redis-server'
const INSTALL = 'apt-get install -y redis-server'

/** A throwaway redis-server for the Redis store tests: loopback only, no persistence. */
export interface RedisServer {
  url: string
  stop(): Promise<void>
}

/**
 * Starts `redis-server` on a free loopback port. When it is missing, installs it on Debian as root (like the
 * e2e setup does for the browser); anywhere else it fails with one line naming the command, never skipping.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = findBinary()
  let lastError: unknown
  // A free port can be taken between the probe and redis-server binding it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    const child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    try {
      await ready(child)
      return { url: `redis://127.0.0.1:${port}`, stop: () => stop(child) }
    } catch (error) {
      lastError = error
      await stop(child)
    }
  }
  throw new Error(`redis-server did not start: ${String(lastError)}`)
}

function findBinary(): string {
  if (existsSync(BINARY)) return BINARY
  const onPath = which('redis-server')
  if (onPath) return onPath
  if (process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
    // A fresh machine may have no package lists yet: refresh them first, as the e2e helpers do.
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env })
    if (existsSync(BINARY)) return BINARY
  }
  throw new Error(
    `The Redis store tests need redis-server: run \`${INSTALL}\` (as root on Debian) and retry.`,
  )
}

function which(command: string): string | undefined {
  try {
    return execFileSync('which', [command], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve()
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('error', reject)
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code}: ${output.trim().split('\n').at(-1)}`)),
    )
  })
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
