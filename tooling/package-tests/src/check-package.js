#!/usr/bin/env node
// `check:package` for a publishable package (run from its folder by turbo, after its build): packs it with
// pnpm (so workspace: ranges are rewritten as on publish), then checks the tarball itself:
//   1. the manifest has no workspace:/link:/file: ranges left, and no test file is shipped;
//   2. every source map either ships the files it points to or embeds them (sourcesContent);
//   3. publint --strict;
//   4. attw with the esm-only profile (the packages are ESM-only; CommonJS `require` is not a target).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { packPackage, run } from './pack.js'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies']
const LOCAL_RANGE = /^(workspace|link|file|portal):/

/**
 * The JavaScript file behind a root devDependency's bin, so it runs with `node` on every OS.
 * @param {string} pkg
 * @param {string} bin
 */
function binScript(pkg, bin) {
  const dir = join(root, 'node_modules', pkg)
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin]
  if (!entry) throw new Error(`${pkg} has no "${bin}" bin: is it installed at the workspace root?`)
  return join(dir, entry)
}

/** @param {string} dir @returns {string[]} paths relative to dir, with forward slashes */
function listFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split('\\').join('/'))
}

/**
 * Problems in the unpacked package that publint and attw do not look for.
 * @param {string} unpacked the `package/` folder of the tarball
 * @returns {string[]}
 */
export function inspectUnpacked(unpacked) {
  const problems = []
  const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'))
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (LOCAL_RANGE.test(String(range))) problems.push(`${field}.${name} is "${range}" in the tarball`)
    }
  }
  const files = listFiles(unpacked)
  const shipped = new Set(files)
  for (const file of files) {
    if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(file)) problems.push(`test file shipped: ${file}`)
    if (!file.endsWith('.map')) continue
    /** @type {{ sources?: string[], sourcesContent?: (string | null)[] }} */
    const map = JSON.parse(readFileSync(join(unpacked, file), 'utf8'))
    for (const [index, source] of (map.sources ?? []).entries()) {
      const target = posix.normalize(posix.join(posix.dirname(file), source))
      const embedded = typeof map.sourcesContent?.[index] === 'string'
      if (!embedded && !shipped.has(target)) {
        problems.push(`${file} points to ${source}, which is neither shipped nor embedded (sourcesContent)`)
      }
    }
  }
  return problems
}

function main() {
  const packageDir = process.cwd()
  const work = mkdtempSync(join(tmpdir(), 'streamkit-check-package-'))
  try {
    const packed = packPackage(packageDir, work)
    console.log(
      `packed ${packed.name}@${packed.version}: ${relative(work, packed.tarball)}, ${packed.files.length} files`,
    )
    const unpackDir = join(work, 'unpacked')
    mkdirSync(unpackDir)
    run('tar', ['-xzf', packed.tarball, '-C', unpackDir], { cwd: work })
    const problems = inspectUnpacked(join(unpackDir, 'package'))
    for (const problem of problems) console.error(`\u2716 ${problem}`)
    if (problems.length === 0) console.log('\u2714 manifest ranges, shipped files and source maps')

    /** @type {[string, string[]][]} */
    const checks = [
      ['publint', [binScript('publint', 'publint'), 'run', packed.tarball, '--strict']],
      ['attw', [binScript('@arethetypeswrong/cli', 'attw'), packed.tarball, '--profile', 'esm-only']],
    ]
    let failed = problems.length > 0
    for (const [title, args] of checks) {
      console.log(`\n\u25b6 ${title}`)
      const result = spawnSync(process.execPath, args, { cwd: dirname(packed.tarball), stdio: 'inherit' })
      if (result.status !== 0) {
        console.error(`\u2716 ${title} failed for ${packed.name}`)
        failed = true
      }
    }
    if (failed) process.exitCode = 1
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
