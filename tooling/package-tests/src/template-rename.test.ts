// `pnpm rename-scope @yourorg` on a copy of this repository, then install, build and unit-test the result:
// what someone using the kit as a template does first.
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { workspaceRoot } from './consumer-app'
import { isolatedEnv } from './isolated-env'
import { pnpmCommand, run } from './pack.js'
import { cloneWorkingTree, grepTracked } from './template-clone'

const NEW_SCOPE = '@yourorg'
const publishedDirs = ['packages/stream-core', 'packages/stream-react']
const oldNames = publishedDirs.map(
  (dir) => JSON.parse(readFileSync(join(workspaceRoot, dir, 'package.json'), 'utf8')).name as string,
)
const oldScope = String(oldNames[0]).split('/')[0] ?? ''

let clone: string
let firstRun: string

function manifest(dir: string): { name: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(clone, dir, 'package.json'), 'utf8'))
}

function pnpm(...args: string[]): string {
  const { command, prefix } = pnpmCommand()
  return run(command, [...prefix, ...args], { cwd: clone, env: isolatedEnv(), timeout: 600_000 })
}

beforeAll(() => {
  clone = cloneWorkingTree(workspaceRoot)
  firstRun = run(process.execPath, ['scripts/rename-scope.mjs', NEW_SCOPE], {
    cwd: clone,
    env: isolatedEnv(),
    timeout: 600_000,
  })
})

afterAll(() => {
  if (clone) rmSync(clone, { recursive: true, force: true })
})

describe('pnpm rename-scope on a copy of the repository', () => {
  it('prints the files it renamed', () => {
    expect(firstRun).toContain(`Renamed ${oldScope} to ${NEW_SCOPE} in `)
    expect(firstRun).toContain('packages/stream-core/package.json')
  })

  it('leaves no mention of the old scope in any tracked text file', () => {
    expect(grepTracked(clone, `${oldScope}/`)).toEqual([])
  })

  it('gives the published packages the new scope and links them to each other', () => {
    expect(manifest('packages/stream-core').name).toBe(`${NEW_SCOPE}/stream-core`)
    expect(manifest('packages/stream-react').name).toBe(`${NEW_SCOPE}/stream-react`)
    expect(manifest('packages/stream-react').dependencies).toHaveProperty(`${NEW_SCOPE}/stream-core`)
  })

  it('keeps the internal packages in @repo', () => {
    expect(manifest('tooling/e2e').name).toBe('@repo/e2e')
    expect(manifest('apps/web').name).toBe('@repo/web')
  })

  it('leaves a lockfile that a frozen install accepts', () => {
    expect(() => pnpm('install', '--frozen-lockfile', '--offline')).not.toThrow()
  })

  it('changes nothing when run a second time', () => {
    // Stage the first run's result: anything the second run writes shows up as an unstaged change.
    run('git', ['add', '-A'], { cwd: clone })
    const second = run(process.execPath, ['scripts/rename-scope.mjs', NEW_SCOPE], {
      cwd: clone,
      env: isolatedEnv(),
    })
    expect(second).toContain('nothing to rename')
    expect(run('git', ['diff', '--name-only'], { cwd: clone })).toBe('')
  })

  it('builds and unit-tests the renamed packages', () => {
    pnpm('exec', 'turbo', 'run', 'build', 'test', '--filter=./packages/*')
    for (const dir of publishedDirs) {
      const report = JSON.parse(readFileSync(join(clone, dir, 'test-results/unit.json'), 'utf8'))
      expect(report.numFailedTests).toBe(0)
      expect(report.numPassedTests).toBeGreaterThan(0)
    }
    const reactBundle = readFileSync(join(clone, 'packages/stream-react/dist/index.js'), 'utf8')
    expect(reactBundle).toContain(`${NEW_SCOPE}/stream-core`)
  })
})
