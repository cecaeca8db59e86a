import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  checkCoverage,
  exampleImports,
  listExports,
  type PageSource,
  publicEntries,
  unknownExampleImports,
} from './api-coverage'

const appRoot = fileURLToPath(new URL('..', import.meta.url))
const repoRoot = path.resolve(appRoot, '../..')
const PUBLIC_ENTRIES = publicEntries(repoRoot)

function allPageSources(): PageSource[] {
  return readdirSync(path.join(appRoot, 'app'), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name === 'page.mdx')
    .map((entry) => path.join(entry.parentPath, entry.name))
    .map((file) => ({ file: path.relative(appRoot, file), source: readFileSync(file, 'utf8') }))
}

function referencePages(): PageSource[] {
  const folder = path.join(appRoot, 'app/reference')
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(folder, entry.name, 'page.mdx'))
    .map((file) => ({ file, source: readFileSync(file, 'utf8') }))
}

describe('listExports', () => {
  it('lists re-exported values, types and export * names of an entry file, and nothing else', () => {
    const exports = listExports([{ specifier: 'fixture', file: 'test-fixtures/package/index.ts' }], appRoot)
    expect(exports.map((entry) => entry.name)).toEqual(['area', 'Circle', 'Shape', 'UNIT'])
  })
})

describe('checkCoverage', () => {
  const exports = [
    { name: 'area', specifier: 'fixture' },
    { name: 'Shape', specifier: 'fixture' },
  ]

  it('names an export that has no heading on any reference page', () => {
    const pages = [{ file: 'a.mdx', source: '# Shapes\n\n## `area`\n\n```ts\narea(shape)\n```\n' }]
    expect(checkCoverage(exports, pages).missing).toEqual(['Shape'])
  })

  it('does not count a heading-like line inside a code block', () => {
    const pages = [{ file: 'a.mdx', source: '## `area`\n\n```sh\n## Shape\n```\n' }]
    expect(checkCoverage(exports, pages).missing).toEqual(['Shape'])
  })

  it('names an export whose section has no code block', () => {
    const pages = [
      { file: 'a.mdx', source: '## `area`\n\nComputes an area.\n\n## `Shape`\n\n```ts\ntype Shape\n```\n' },
    ]
    expect(checkCoverage(exports, pages)).toEqual({ missing: [], withoutCode: ['area'] })
  })
})

describe('publicEntries', () => {
  it("reads the entry points of both packages from their exports maps, with each one's source file", () => {
    expect(PUBLIC_ENTRIES).toEqual(
      expect.arrayContaining([
        { specifier: '@streamkit/stream-core', file: 'packages/stream-core/src/index.ts' },
        { specifier: '@streamkit/stream-core/ai', file: 'packages/stream-core/src/ai/index.ts' },
        { specifier: '@streamkit/stream-react', file: 'packages/stream-react/src/index.ts' },
      ]),
    )
  })
})

describe('the API reference', () => {
  const exports = listExports(PUBLIC_ENTRIES, repoRoot)

  it('finds the public exports of all three entry points', () => {
    const specifiers = new Set(exports.map((entry) => entry.specifier))
    expect([...specifiers].sort()).toEqual(PUBLIC_ENTRIES.map((entry) => entry.specifier).sort())
  })

  it('has a section with code for every public export of both packages', () => {
    expect(checkCoverage(exports, referencePages())).toEqual({ missing: [], withoutCode: [] })
  })

  it('fails, naming the export, when an export loses its section', () => {
    const [first] = exports
    if (!first) throw new Error('no export found')
    const pages = referencePages().map((page) => ({
      ...page,
      // Drop the export's heading line, as if its section had been deleted.
      source: page.source
        .split('\n')
        .filter((line) => !/^#{2,4}\s/.test(line) || line.replace(/^#+\s+|`/g, '').trim() !== first.name)
        .join('\n'),
    }))
    expect(checkCoverage(exports, pages).missing).toEqual([first.name])
  })
})

describe('unknownExampleImports', () => {
  const entries = [{ specifier: '@kit/core', file: 'unused.ts' }]
  const exports = [{ name: 'streamIt', specifier: '@kit/core' }]
  const page = (code: string) => [{ file: 'page.mdx', source: `Text\n\n\`\`\`ts\n${code}\n\`\`\`\n` }]

  it('accepts imports of exported names, with type modifiers and aliases', () => {
    const code = "import { streamIt, type streamIt as alias } from '@kit/core'\nimport { z } from 'zod'"
    expect(unknownExampleImports(page(code), entries, exports)).toEqual([])
  })

  it('names an imported name the package does not export', () => {
    const code = "import { streamIt, streamThat } from '@kit/core'"
    expect(unknownExampleImports(page(code), entries, exports)).toEqual([
      { file: 'page.mdx', name: 'streamThat', specifier: '@kit/core' },
    ])
  })

  it('names an import from an entry point that does not exist', () => {
    const code = "import { streamIt } from '@kit/core/client'"
    expect(unknownExampleImports(page(code), entries, exports)).toEqual([
      { file: 'page.mdx', name: 'streamIt', specifier: '@kit/core/client' },
    ])
  })

  it('ignores imports outside code blocks', () => {
    const pages = [{ file: 'page.mdx', source: "import { Demo } from '@kit/core'\n\n# Title\n" }]
    expect(unknownExampleImports(pages, entries, exports)).toEqual([])
  })
})

describe('the code examples of every page', () => {
  it('import only names the packages export', () => {
    const pages = allPageSources()
    // The check looked at real imports: the examples import from each package and from the AI subpath.
    const specifiers = new Set(exampleImports(pages, PUBLIC_ENTRIES).map((entry) => entry.specifier))
    expect([...specifiers]).toEqual(
      expect.arrayContaining([
        '@streamkit/stream-core',
        '@streamkit/stream-core/ai',
        '@streamkit/stream-react',
      ]),
    )
    const exports = listExports(PUBLIC_ENTRIES, repoRoot)
    expect(unknownExampleImports(pages, PUBLIC_ENTRIES, exports)).toEqual([])
  })
})
