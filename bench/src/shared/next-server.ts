import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { benchRoot } from './child-process'

/** apps/web, whose production build (`.next`) the Next.js rows run with `next start`. */
export const webRoot = join(benchRoot, '..', 'apps', 'web')

/** Why the Next.js rows cannot run, or undefined when apps/web has a production build. */
export function nextUnavailable(): string | undefined {
  if (!existsSync(join(webRoot, '.next', 'BUILD_ID'))) {
    return 'apps/web has no production build (run `pnpm --filter @repo/web build`, or `pnpm bench` through turbo)'
  }
  return undefined
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  server.close()
  await once(server, 'close')
  return port
}

/** A running `next start` of apps/web. */
export interface NextServer {
  url: string
  pid: number
  stop(): Promise<void>
}

/**
 * Starts `next start` on apps/web's build with the test-only hooks on (`STREAMKIT_E2E=1`: the cleanup counters
 * at /api/test/cleanup) and waits until it answers.
 */
export async function startNext(): Promise<NextServer> {
  const port = await freePort()
  const requireFromWeb = createRequire(join(webRoot, 'package.json'))
  const nextBin = requireFromWeb.resolve('next/dist/bin/next')
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: webRoot,
      env: { ...process.env, STREAMKIT_E2E: '1', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`)
    try {
      const response = await fetch(`${url}/api/test/cleanup`)
      await response.arrayBuffer()
      if (response.ok) break
      throw new Error(`GET /api/test/cleanup answered ${response.status}: is STREAMKIT_E2E honoured?`)
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('GET ')) {
        child.kill('SIGTERM')
        throw error
      }
      if (Date.now() > deadline) {
        child.kill('SIGTERM')
        throw new Error('next start did not answer within 30 s')
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  return {
    url,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** The RSS of a process and all its descendants, in KiB, from /proc. */
export function processTreeRssKiB(rootPid: number): number {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const list = children.get(ppid) ?? []
      list.push(Number(entry))
      children.set(ppid, list)
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0
  const pending = [rootPid]
  while (pending.length > 0) {
    const pid = pending.pop() as number
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      total += Number(match?.[1] ?? 0)
    } catch {
      // ended
    }
    pending.push(...(children.get(pid) ?? []))
  }
  return total
}
