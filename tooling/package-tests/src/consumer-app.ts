// A scratch Next.js app outside the workspace that installs the packed tarballs from disk and everything
// else from the npm registry, the way a user of the published packages would.
import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '@repo/e2e/chromium'
import { httpRequest } from './http-request'
import { isolatedEnv } from './isolated-env'
import { packPackage, run } from './pack.js'

export const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url))
const fixtureDir = fileURLToPath(new URL('../fixtures/next-app', import.meta.url))

export interface PackedPackage {
  name: string
  version: string
  tarball: string
}

export interface ScratchApp {
  dir: string
  core: PackedPackage
  react: PackedPackage
  /** App-relative paths of the files taken from the packages' README examples. */
  readmeExamples: string[]
}

export interface ReadmeExample {
  path: string
  code: string
}

const EXAMPLE_BLOCK = /```tsx?\n\/\/ ((?:app|lib)\/[\w./[\]-]+\.tsx?)\n([\s\S]*?)```/g

/**
 * The code blocks of the published packages' READMEs that start with a `// app/...` or `// lib/...` path
 * comment: the scratch app gets them as files, so the examples users copy are type-checked, built and run.
 */
export function readmeExamples(): ReadmeExample[] {
  return ['packages/stream-core/README.md', 'packages/stream-react/README.md'].flatMap((readme) =>
    [...readFileSync(join(workspaceRoot, readme), 'utf8').matchAll(EXAMPLE_BLOCK)].map((match) => ({
      path: String(match[1]),
      code: `// ${match[1]}\n${match[2]}`,
    })),
  )
}

/** `pnpm pack` both published packages into `destination`. */
export function packBoth(destination: string): { core: PackedPackage; react: PackedPackage } {
  const core = packPackage(join(workspaceRoot, 'packages/stream-core'), destination)
  const react = packPackage(join(workspaceRoot, 'packages/stream-react'), destination)
  return { core, react }
}

function workspaceRange(dependency: string): string {
  const manifest = JSON.parse(readFileSync(join(workspaceRoot, 'apps/web/package.json'), 'utf8'))
  const range = manifest.dependencies?.[dependency] ?? manifest.devDependencies?.[dependency]
  if (typeof range !== 'string') throw new Error(`apps/web/package.json does not list ${dependency}`)
  return range
}

/**
 * Writes the scratch app into a fresh temp folder: the fixture files, and a package.json whose packages
 * come from the tarballs. `overrides` pins every `@scope/stream-core` in the tree (stream-react's own
 * dependency included) to the local tarball, so nothing of ours is fetched from the registry.
 */
export function createScratchApp(): ScratchApp {
  const root = mkdtempSync(join(tmpdir(), 'streamkit-consumer-'))
  const tarballs = join(root, 'tarballs')
  mkdirSync(tarballs)
  const { core, react } = packBoth(tarballs)
  const dir = join(root, 'app')
  cpSync(fixtureDir, dir, { recursive: true })
  const examples = readmeExamples()
  for (const { path, code } of examples) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), code)
  }
  const manifest = {
    name: 'streamkit-consumer',
    version: '0.0.0',
    private: true,
    scripts: { build: 'next build', start: 'next start' },
    dependencies: {
      [core.name]: `file:${core.tarball}`,
      [react.name]: `file:${react.tarball}`,
      next: workspaceRange('next'),
      react: workspaceRange('react'),
      'react-dom': workspaceRange('react-dom'),
    },
    devDependencies: {
      '@types/node': workspaceRange('@types/node'),
      '@types/react': workspaceRange('@types/react'),
      '@types/react-dom': workspaceRange('@types/react-dom'),
      typescript: workspaceRange('typescript'),
    },
    overrides: { [core.name]: `$${core.name}` },
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return { dir, core, react, readmeExamples: examples.map((example) => example.path) }
}

/** npm install, then `next build`, in the scratch app. */
export function installAndBuild(app: ScratchApp): void {
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: app.dir,
    env: isolatedEnv(),
    timeout: 600_000,
  })
  run(process.execPath, [nextBin(app), 'build'], {
    cwd: app.dir,
    env: isolatedEnv({ NODE_ENV: 'production' }),
    timeout: 600_000,
  })
}

function nextBin(app: ScratchApp): string {
  return join(app.dir, 'node_modules/next/dist/bin/next')
}

export interface RunningServer {
  baseUrl: string
  stop: () => Promise<void>
}

/** `next start` on a free 127.0.0.1 port; resolves once it answers HTTP. */
export async function startServer(app: ScratchApp, readyTimeoutMs = 120_000): Promise<RunningServer> {
  const port = freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin(app), 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    { cwd: app.dir, env: isolatedEnv({ NODE_ENV: 'production' }), stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }

  const deadline = Date.now() + readyTimeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`)
    try {
      const response = await httpRequest(`${baseUrl}/api/release?run=ready&step=0`, 'POST')
      response.resume()
      if (response.statusCode === 204) return { baseUrl, stop }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`next start did not answer on ${baseUrl} within ${readyTimeoutMs} ms:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Lets run `run` of the gated route produce its chunk `step`. */
export async function releaseChunk(baseUrl: string, run: string, step: number): Promise<void> {
  const response = await httpRequest(
    `${baseUrl}/api/release?run=${encodeURIComponent(run)}&step=${step}`,
    'POST',
  )
  response.resume()
  if (response.statusCode !== 204) throw new Error(`release ${run}:${step} answered ${response.statusCode}`)
}
