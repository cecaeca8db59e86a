#!/usr/bin/env node
// The full suite behind `npm test` / `pnpm check`: lint, typecheck, unit tests (including the packed-tarball
// consumer and template-rename tests in tooling/package-tests), builds, publint + attw on the packed packages
// (check:package), the Playwright e2e suites in a real Chromium, then one summary of how many tests ran.
// Fails if any suite ran nothing.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ChromiumNotFoundError, resolveChromium } from '../tooling/e2e/chromium.js'
import { RedisServerNotFoundError, resolveRedisServer } from '../tooling/e2e/redis-server.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const workspaces = listWorkspaces()

function run(title, command, args) {
  console.log(`\n\u25b6 ${title}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`\n\u2716 ${title} failed (exit ${result.status ?? result.signal}).`)
    process.exit(result.status || 1)
  }
}

function listWorkspaces() {
  const result = spawnSync('pnpm', ['-r', 'ls', '--depth', '-1', '--json'], { cwd: root, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`pnpm ls failed: ${result.stderr}`)
  return JSON.parse(result.stdout)
    .map((pkg) => pkg.path)
    .filter((path) => path !== root.replace(/\/$/, ''))
}

for (const dir of workspaces) {
  rmSync(join(dir, 'test-results', 'unit.json'), { force: true })
  rmSync(join(dir, 'test-results', 'e2e.json'), { force: true })
}

run('lint', 'pnpm', ['run', 'lint'])

// System programs the suites need, found or installed once, up front and one at a time (two apt-get runs
// at once would fight over dpkg's lock): Chromium for the browser tests, redis-server for the Redis tests.
function provision(title, resolve, NotFound) {
  try {
    console.log(`\n\u25b6 ${title}: ${resolve()}`)
  } catch (error) {
    if (error instanceof NotFound) {
      console.error(`\n\u2716 ${error.message}`)
      process.exit(1)
    }
    throw error
  }
}

provision(
  'browser for the e2e and package tests',
  () => {
    const { executablePath, source } = resolveChromium()
    return `${executablePath ?? "Playwright's own Chromium"} (${source})`
  },
  ChromiumNotFoundError,
)
provision('redis-server for the Redis store tests', resolveRedisServer, RedisServerNotFoundError)
run('typecheck, unit tests, build, package checks', 'pnpm', [
  'exec',
  'turbo',
  'run',
  'typecheck',
  'test',
  'build',
  'check:package',
])

run('e2e tests', 'pnpm', ['exec', 'turbo', 'run', 'test:e2e', '--concurrency=1'])

// Summary: every suite must have run and passed at least one test.
const rows = []
let passed = 0
let failed = 0
let problems = 0
for (const dir of workspaces) {
  const name = relative(root, dir)
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  for (const [kind, script, file, read] of [
    ['unit', 'test', 'unit.json', readVitest],
    ['e2e', 'test:e2e', 'e2e.json', readPlaywright],
  ]) {
    if (!pkg.scripts?.[script]) continue
    const path = join(dir, 'test-results', file)
    if (!existsSync(path)) {
      rows.push(`  ${kind.padEnd(4)} ${name.padEnd(28)} no report at ${relative(root, path)}`)
      problems++
      continue
    }
    const counts = read(JSON.parse(readFileSync(path, 'utf8')))
    passed += counts.passed
    failed += counts.failed
    const empty = counts.passed + counts.failed === 0
    if (empty || counts.skipped > 0) problems++
    rows.push(
      `  ${kind.padEnd(4)} ${name.padEnd(28)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${empty ? '  <- ran nothing' : ''}`,
    )
  }
}

function readVitest(report) {
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  }
}

function readPlaywright(report) {
  const { expected, unexpected, flaky, skipped } = report.stats
  return { passed: expected, failed: unexpected + flaky, skipped }
}

console.log('\nTest summary')
for (const row of rows) console.log(row)
console.log(`\n${passed} passed, ${failed} failed`)
if (failed > 0 || problems > 0) {
  console.error('\u2716 The suite is not green: a suite failed, skipped tests, or ran nothing.')
  process.exit(1)
}
