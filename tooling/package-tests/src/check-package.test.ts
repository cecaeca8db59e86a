// The tarball checks check-package.js adds to publint and attw, on unpacked packages made here.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { inspectUnpacked } from './check-package.js'

const made: string[] = []

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function unpacked(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'check-package-'))
  made.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content))
  }
  return root
}

const manifest = { name: '@acme/ui', version: '1.0.0', dependencies: { '@acme/core': '^1.0.0' } }
const embeddedMap = { version: 3, sources: ['../src/index.ts'], sourcesContent: ['export {}'], mappings: '' }

describe('inspectUnpacked', () => {
  it('finds nothing wrong in a package with real ranges and self-contained source maps', () => {
    const dir = unpacked({ 'package.json': manifest, 'dist/index.js': '', 'dist/index.js.map': embeddedMap })
    expect(inspectUnpacked(dir)).toEqual([])
  })

  it('reports a workspace: range left in the manifest', () => {
    const dir = unpacked({ 'package.json': { ...manifest, dependencies: { '@acme/core': 'workspace:^' } } })
    expect(inspectUnpacked(dir)).toEqual(['dependencies.@acme/core is "workspace:^" in the tarball'])
  })

  it('reports a shipped test file', () => {
    const dir = unpacked({ 'package.json': manifest, 'dist/index.test.js': '' })
    expect(inspectUnpacked(dir)).toEqual(['test file shipped: dist/index.test.js'])
  })

  it('reports a source map pointing to a source that is neither shipped nor embedded', () => {
    const map = { version: 3, sources: ['../src/index.ts'], mappings: '' }
    const dir = unpacked({ 'package.json': manifest, 'dist/index.js.map': map })
    expect(inspectUnpacked(dir)).toEqual([
      'dist/index.js.map points to ../src/index.ts, which is neither shipped nor embedded (sourcesContent)',
    ])
  })

  it('accepts a source map whose sources are shipped next to it', () => {
    const map = { version: 3, sources: ['../src/index.ts'], mappings: '' }
    const dir = unpacked({ 'package.json': manifest, 'dist/index.js.map': map, 'src/index.ts': '' })
    expect(inspectUnpacked(dir)).toEqual([])
  })
})
