// scripts/rename-scope.mjs on small repositories made here: what it renames, what it leaves alone.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { renameScope, replaceScope, validateScope } from '../../../scripts/rename-scope.mjs'

const script = fileURLToPath(new URL('../../../scripts/rename-scope.mjs', import.meta.url))
const made: string[] = []

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A miniature of the template: two published @acme packages, an app, an internal @repo package. */
function makeRepo(extra: Record<string, string | Buffer> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'rename-scope-'))
  made.push(root)
  const files: Record<string, string | Buffer> = {
    'package.json': JSON.stringify({ name: 'kit', private: true }),
    'packages/core/package.json': JSON.stringify({ name: '@acme/core', version: '0.0.0' }),
    'packages/ui/package.json': JSON.stringify({
      name: '@acme/ui',
      version: '0.0.0',
      dependencies: { '@acme/core': 'workspace:^' },
    }),
    'packages/ui/src/index.ts': "export { core } from '@acme/core'\n",
    'apps/web/package.json': JSON.stringify({
      name: '@repo/web',
      private: true,
      dependencies: { '@acme/ui': 'workspace:^', '@repo/e2e': 'workspace:*' },
    }),
    'apps/web/page.tsx': "import { ui } from '@acme/ui'\nimport { e2e } from '@repo/e2e'\n",
    'README.md': 'npm install @acme/ui\n',
    ...extra,
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8')
const quiet = () => {}

describe('validateScope', () => {
  it('accepts an @-prefixed lowercase npm scope', () => {
    expect(validateScope('@your-org.dev')).toBeUndefined()
  })

  it('rejects a scope without the @', () => {
    expect(validateScope('yourorg')).toMatch(/must start with "@"/)
  })

  it('rejects uppercase letters, which npm does not allow in names', () => {
    expect(validateScope('@YourOrg')).toMatch(/lowercase/)
  })

  it('rejects a full package name instead of a scope', () => {
    expect(validateScope('@yourorg/core')).toMatch(/only the scope/)
  })

  it('rejects characters that are not URL-safe', () => {
    expect(validateScope('@your org')).toMatch(/may only contain/)
  })

  it('rejects the internal @repo scope', () => {
    expect(validateScope('@repo')).toMatch(/internal scope/)
  })

  it('rejects a scope that makes a package name longer than 214 characters', () => {
    expect(validateScope(`@${'a'.repeat(210)}`, ['stream-core'])).toMatch(/214/)
  })
})

describe('replaceScope', () => {
  it('replaces the scope in package names and .npmrc registry keys', () => {
    const { text, count } = replaceScope("'@acme/core' @acme:registry=x", '@acme', '@you')
    expect(text).toBe("'@you/core' @you:registry=x")
    expect(count).toBe(2)
  })

  it('leaves e-mail addresses, domains and longer scopes alone', () => {
    const input = 'hello@acme.dev, @acme.dev, @acme-ui/core'
    expect(replaceScope(input, '@acme', '@you')).toEqual({ text: input, count: 0 })
  })
})

describe('renameScope', () => {
  it('renames package names, dependency keys, imports and docs', () => {
    const root = makeRepo()
    renameScope({ root, to: '@yourorg', log: quiet })
    expect(JSON.parse(read(root, 'packages/ui/package.json'))).toMatchObject({
      name: '@yourorg/ui',
      dependencies: { '@yourorg/core': 'workspace:^' },
    })
    expect(read(root, 'packages/ui/src/index.ts')).toContain("from '@yourorg/core'")
    expect(read(root, 'apps/web/page.tsx')).toContain("from '@yourorg/ui'")
    expect(read(root, 'README.md')).toBe('npm install @yourorg/ui\n')
  })

  it('leaves the internal @repo packages alone', () => {
    const root = makeRepo()
    renameScope({ root, to: '@yourorg', log: quiet })
    expect(read(root, 'apps/web/page.tsx')).toContain("from '@repo/e2e'")
    expect(JSON.parse(read(root, 'apps/web/package.json')).name).toBe('@repo/web')
  })

  it('reports each changed file with its number of replacements', () => {
    const root = makeRepo()
    const lines: string[] = []
    const { changes } = renameScope({ root, to: '@yourorg', log: (line) => lines.push(line) })
    expect(changes).toContainEqual({ file: join('packages', 'ui', 'package.json'), count: 2 })
    expect(lines[0]).toBe('Renamed @acme to @yourorg in 6 files:')
  })

  it('changes nothing when run again with the same scope', () => {
    const root = makeRepo()
    renameScope({ root, to: '@yourorg', log: quiet })
    const lines: string[] = []
    const { changes } = renameScope({ root, to: '@yourorg', log: (line) => lines.push(line) })
    expect(changes).toEqual([])
    expect(lines).toEqual(['The packages are already published as @yourorg/*: nothing to rename.'])
  })

  it('skips binary files', () => {
    const binary = Buffer.concat([Buffer.from('@acme/core'), Buffer.from([0, 1, 2])])
    const root = makeRepo({ 'apps/web/logo.bin': binary })
    renameScope({ root, to: '@yourorg', log: quiet })
    expect(readFileSync(join(root, 'apps/web/logo.bin')).equals(binary)).toBe(true)
  })

  it('skips installs and build outputs outside a git checkout', () => {
    const root = makeRepo({
      'node_modules/@acme/core/index.js': "'@acme/core'",
      'packages/ui/dist/index.js': "import '@acme/core'",
    })
    renameScope({ root, to: '@yourorg', log: quiet })
    expect(read(root, 'node_modules/@acme/core/index.js')).toBe("'@acme/core'")
    expect(read(root, 'packages/ui/dist/index.js')).toBe("import '@acme/core'")
  })

  it('only touches files git tracks or would track in a git checkout', () => {
    const root = makeRepo({ '.gitignore': 'generated/\n', 'generated/types.ts': "import '@acme/core'" })
    spawnSync('git', ['init', '-q'], { cwd: root })
    renameScope({ root, to: '@yourorg', log: quiet })
    expect(read(root, 'generated/types.ts')).toBe("import '@acme/core'")
    expect(read(root, 'packages/ui/src/index.ts')).toContain('@yourorg/core')
  })

  it('points the published packages at the repository given with repo', () => {
    const root = makeRepo()
    renameScope({ root, to: '@yourorg', repo: 'yourorg/kit', log: quiet })
    expect(JSON.parse(read(root, 'packages/core/package.json')).repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/yourorg/kit.git',
      directory: 'packages/core',
    })
  })

  it('refuses an invalid scope without changing any file', () => {
    const root = makeRepo()
    expect(() => renameScope({ root, to: 'YourOrg', log: quiet })).toThrow(/Cannot use YourOrg/)
    expect(read(root, 'README.md')).toBe('npm install @acme/ui\n')
  })
})

describe('the command line', () => {
  it('exits with code 2 and one line naming the problem for an invalid scope', () => {
    const result = spawnSync(process.execPath, [script, 'YourOrg', '--dry-run'], { encoding: 'utf8' })
    expect(result.status).toBe(2)
    expect(result.stderr.trim()).toBe(
      '\u2716 Cannot use YourOrg: the scope must start with "@", like @yourorg.',
    )
  })

  it('prints its usage when the scope is missing', () => {
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8' })
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('Usage: pnpm rename-scope @yourorg')
  })
})
