#!/usr/bin/env node
// `pnpm rename-scope @yourorg [--repo owner/name] [--dry-run] [--no-install]`
//
// Makes the template's published packages yours in one step: replaces the current npm scope of the
// publishable packages (packages/*, read from their package.json) in every tracked text file: package
// names, dependency ranges, imports in apps and docs, READMEs, changesets, turbo.json task names, tsup
// externals, pnpm-lock.yaml. Internal `@repo/*` packages are left alone. With --repo it also points the
// packages' `repository` field at your GitHub repository (npm provenance checks that it matches).
// Running it again with the same scope changes nothing. Afterwards it runs `pnpm install` so
// node_modules and the lockfile follow the new names.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const USAGE = 'Usage: pnpm rename-scope @yourorg [--repo owner/name] [--dry-run] [--no-install]'
const MAX_NAME_LENGTH = 214
const RESERVED_SCOPES = new Set(['@repo'])
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.next',
  '.turbo',
  'dist',
  'out',
  'coverage',
  'test-results',
])

/** A problem the user can fix by changing the command line; printed as one line, exit code 2. */
export class RenameScopeUsageError extends Error {
  /** @override */
  name = 'RenameScopeUsageError'
}

/**
 * Checks that `scope` can prefix an npm package name (`@` + lowercase URL-safe name).
 * @param {string} scope
 * @param {string[]} [packageNames] the unscoped names it will prefix, to check the full length
 * @returns {string | undefined} why it is not valid, or undefined when it is
 * @example
 * validateScope('@acme') // undefined
 * validateScope('acme') // 'the scope must start with "@", like @acme'
 */
export function validateScope(scope, packageNames = []) {
  if (!scope.startsWith('@')) return `the scope must start with "@", like @${scope.toLowerCase() || 'acme'}`
  const name = scope.slice(1)
  if (name.length === 0) return 'the scope needs a name after "@"'
  if (name !== name.toLowerCase()) return `npm scopes are lowercase: try ${scope.toLowerCase()}`
  if (name.includes('/')) return 'give only the scope (like @acme), not a package name'
  if (!/^[a-z0-9~-][a-z0-9._~-]*$/.test(name)) {
    return 'an npm scope may only contain lowercase letters, digits, "-", ".", "_" and "~", and may not start with "." or "_"'
  }
  if (RESERVED_SCOPES.has(scope)) return `${scope} is the workspace's internal scope; pick another`
  const tooLong = packageNames.find((unscoped) => `${scope}/${unscoped}`.length > MAX_NAME_LENGTH)
  if (tooLong) return `${scope}/${tooLong} would be longer than npm's ${MAX_NAME_LENGTH} characters`
  return undefined
}

/**
 * Replaces the npm scope `from` by `to` where it is used as a scope: `@from/...`, `@from:registry`, or a
 * bare `@from` word; not inside e-mail addresses, domains or longer names (`@from-ui`).
 * @param {string} text
 * @param {string} from like '@acme'
 * @param {string} to like '@yourorg'
 * @returns {{ text: string, count: number }}
 * @example
 * replaceScope("import { x } from '@acme/core'", '@acme', '@you') // { text: "import { x } from '@you/core'", count: 1 }
 */
export function replaceScope(text, from, to) {
  const escaped = from.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`(?<![\\w.@-])@${escaped}(?![\\w-]|\\.\\w)`, 'g')
  let count = 0
  const replaced = text.replace(pattern, () => {
    count++
    return to
  })
  return { text: replaced, count }
}

/** @param {string} root @returns {{ dir: string, manifest: Record<string, any> }[]} */
function publishablePackages(root) {
  const packagesDir = join(root, 'packages')
  if (!existsSync(packagesDir)) return []
  return readdirSync(packagesDir)
    .map((name) => join(packagesDir, name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
}

/**
 * The one scope every publishable package in packages/* shares today.
 * @param {string} root
 * @returns {{ scope: string, unscopedNames: string[] }}
 */
export function currentScope(root) {
  const names = publishablePackages(root).map(({ manifest }) => String(manifest.name))
  const scopes = new Set(names.map((name) => (name.startsWith('@') ? name.split('/')[0] : '')))
  const [scope] = scopes
  if (names.length === 0 || scopes.size !== 1 || !scope) {
    throw new Error(
      `Expected every publishable package in packages/* to share one npm scope, found: ${names.join(', ') || 'none'}`,
    )
  }
  return { scope, unscopedNames: names.map((name) => name.slice(scope.length + 1)) }
}

/** @param {string} root @returns {string[]} repository-relative paths of the files to consider */
function listFiles(root) {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (git.status === 0 && git.stdout.length > 0) {
    return git.stdout
      .split('\0')
      .filter(Boolean)
      .filter((path) => existsSync(join(root, path)))
  }
  // Not a git checkout (a downloaded zip): walk the tree, skipping installs and build outputs.
  /** @type {string[]} */
  const files = []
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name))
      } else if (entry.isFile()) {
        files.push(relative(root, join(dir, entry.name)))
      }
    }
  }
  walk(root)
  return files
}

/** @param {Buffer} bytes */
function isText(bytes) {
  return !bytes.subarray(0, 8000).includes(0)
}

/**
 * @param {string} value
 * @returns {string} a repository URL in the form npm writes it
 */
function repositoryUrl(value) {
  const slug = value.replace(/^https?:\/\/github\.com\//, '').replace(/\.git$/, '')
  if (!/^[\w.-]+\/[\w.-]+$/.test(slug)) {
    throw new RenameScopeUsageError(`--repo expects owner/name (a GitHub repository), got "${value}"`)
  }
  return `git+https://github.com/${slug}.git`
}

/**
 * Renames the published scope across the repository.
 * @param {{ root: string, to: string, repo?: string, dryRun?: boolean, log?: (line: string) => void }} options
 * @returns {{ from: string, to: string, changes: { file: string, count: number }[] }}
 * @example
 * renameScope({ root: process.cwd(), to: '@acme' })
 */
export function renameScope({ root, to, repo, dryRun = false, log = console.log }) {
  const { scope: from, unscopedNames } = currentScope(root)
  const problem = validateScope(to, unscopedNames)
  if (problem) throw new RenameScopeUsageError(`Cannot use ${to}: ${problem}.`)

  /** @type {{ file: string, count: number }[]} */
  const changes = []
  if (from === to) {
    log(`The packages are already published as ${to}/*: nothing to rename.`)
  } else {
    for (const file of listFiles(root)) {
      const path = join(root, file)
      if (!statSync(path).isFile()) continue
      const bytes = readFileSync(path)
      if (!isText(bytes)) continue
      const result = replaceScope(bytes.toString('utf8'), from, to)
      if (result.count === 0) continue
      if (!dryRun) writeFileSync(path, result.text)
      changes.push({ file, count: result.count })
    }
    changes.sort((a, b) => a.file.localeCompare(b.file))
    log(`${dryRun ? 'Would rename' : 'Renamed'} ${from} to ${to} in ${changes.length} files:`)
    for (const { file, count } of changes) log(`  ${file} (${count})`)
  }

  if (repo !== undefined) {
    const url = repositoryUrl(repo)
    for (const { dir, manifest } of publishablePackages(root)) {
      const current = manifest.repository
      if (typeof current === 'object' && current?.url === url) continue
      const directory = relative(root, dir).split('\\').join('/')
      manifest.repository = { type: 'git', url, directory }
      const file = relative(root, join(dir, 'package.json'))
      if (!dryRun) writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
      log(`  ${file}: repository -> ${url}`)
      changes.push({ file, count: 1 })
    }
  }
  return { from, to, changes }
}

/** @param {string} root */
function pnpmInstall(root) {
  const { packageManager = 'pnpm@10' } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' }).status === 0
  const [command, args] = onPath ? ['pnpm', []] : ['npx', ['--yes', packageManager]]
  const install = [...args, 'install', '--no-frozen-lockfile']
  console.log(`\nUpdating node_modules and pnpm-lock.yaml: ${command} ${install.join(' ')}`)
  const result = spawnSync(command, install, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`\u2716 The install failed: run \`npx --yes ${packageManager} install\` yourself.`)
    process.exitCode = 1
  }
}

/** @param {string[]} args */
function parseCommandLine(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      repo: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'no-install': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (!values.help && positionals.length !== 1) throw new Error('Give exactly one scope, like @yourorg.')
  return {
    scope: String(positionals[0]),
    repo: values.repo,
    dryRun: values['dry-run'],
    install: !values['no-install'],
    help: values.help,
  }
}

function main() {
  /** @type {ReturnType<typeof parseCommandLine>} */
  let options
  try {
    options = parseCommandLine(process.argv.slice(2))
  } catch (error) {
    console.error(`\u2716 ${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
    process.exitCode = 2
    return
  }
  if (options.help) {
    console.log(USAGE)
    return
  }
  const { scope, repo, dryRun, install } = options
  const root = fileURLToPath(new URL('..', import.meta.url))
  try {
    const { changes } = renameScope({ root, to: scope, repo, dryRun })
    if (changes.length > 0 && !dryRun) {
      if (!install) {
        console.log('\nNext: run `pnpm install` so node_modules and pnpm-lock.yaml follow the new names.')
      } else {
        pnpmInstall(root)
      }
      console.log('Then `pnpm build` rebuilds the packages under their new names.')
    }
  } catch (error) {
    if (error instanceof RenameScopeUsageError) {
      console.error(`\u2716 ${error.message}`)
      process.exitCode = 2
      return
    }
    throw error
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
