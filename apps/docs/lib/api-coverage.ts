import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { mdxHeadings } from './search/extract'

/** A public entry point of a package: its import specifier and the source file that defines it. */
export interface PublicEntry {
  specifier: string
  file: string
}

/** One exported name and the entry point it is imported from. */
export interface PublicExport {
  name: string
  specifier: string
}

/** An MDX page: where it lives and its source. */
export interface PageSource {
  file: string
  source: string
}

interface PackageManifest {
  name: string
  private?: boolean
  exports?: Record<string, string | { default?: string; import?: string }>
}

/**
 * Every public entry point of the publishable packages under `packages/`, read from each package.json's
 * `exports` map (so a new subpath is covered the day it is added), with the source file behind each built
 * file: `./dist/ai/index.js` is built from `src/ai/index.ts`.
 */
export function publicEntries(repoRoot: string): PublicEntry[] {
  const packagesDir = path.join(repoRoot, 'packages')
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(packagesDir, entry.name, 'package.json')))
    .flatMap((entry) => {
      const folder = path.join('packages', entry.name)
      const manifest = JSON.parse(
        readFileSync(path.join(repoRoot, folder, 'package.json'), 'utf8'),
      ) as PackageManifest
      if (manifest.private) return []
      return Object.entries(manifest.exports ?? {})
        .filter(([subpath]) => subpath !== './package.json')
        .map(([subpath, target]) => {
          const built = typeof target === 'string' ? target : (target.default ?? target.import ?? '')
          const source = /^\.\/dist\/(.+)\.js$/.exec(built)?.[1]
          const file = ['ts', 'tsx']
            .map((extension) => path.join(folder, 'src', `${source}.${extension}`))
            .find((candidate) => source !== undefined && existsSync(path.join(repoRoot, candidate)))
          if (!file) throw new Error(`No source file found for ${manifest.name} ${subpath} (${built})`)
          return { specifier: manifest.name + subpath.slice(1), file }
        })
    })
}

/**
 * The names each entry file exports, values and types alike, as the TypeScript compiler resolves them
 * (`export { a } from`, `export type`, `export *` and local declarations all count).
 */
export function listExports(entries: PublicEntry[], root: string): PublicExport[] {
  const files = entries.map((entry) => path.resolve(root, entry.file))
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    noEmit: true,
    skipLibCheck: true,
  })
  const checker = program.getTypeChecker()
  return entries.flatMap((entry, index) => {
    const file = files[index] ?? ''
    const sourceFile = program.getSourceFile(file)
    if (!sourceFile) throw new Error(`Cannot read the entry file ${file} of ${entry.specifier}`)
    const moduleSymbol = checker.getSymbolAtLocation(sourceFile)
    // A file with no import/export statement is a script, not a module: it exports nothing.
    if (!moduleSymbol) return []
    return checker
      .getExportsOfModule(moduleSymbol)
      .map((symbol) => ({ name: symbol.getName(), specifier: entry.specifier }))
      .sort((a, b) => a.name.localeCompare(b.name))
  })
}

/** A reference section: the heading's text and the MDX source under it, up to the next heading at its level. */
interface ReferenceSection {
  name: string
  body: string
}

function referenceSections(page: PageSource): ReferenceSection[] {
  const lines = page.source.split('\n')
  const headings = mdxHeadings(page.source)
  // mdxHeadings skips code blocks; find each heading's line the same way to cut the page into sections.
  const starts: { line: number; level: number; text: string }[] = []
  let inFence = false
  let next = 0
  for (const [lineNumber, line] of lines.entries()) {
    if (/^\s*```/.test(line)) inFence = !inFence
    if (inFence || !/^#{1,6}\s/.test(line)) continue
    const heading = headings[next++]
    if (heading) starts.push({ line: lineNumber, level: heading.level, text: heading.text })
  }
  return starts.map((start, index) => {
    const end = starts.slice(index + 1).find((later) => later.level <= start.level)?.line ?? lines.length
    return { name: start.text, body: lines.slice(start.line + 1, end).join('\n') }
  })
}

/** What the coverage check found: exports with no heading, and headings with no code (signature or example). */
export interface CoverageReport {
  missing: string[]
  withoutCode: string[]
}

/**
 * Checks that every export has a reference section: a heading (any level) whose text is exactly the
 * export's name, followed by at least one code block.
 */
export function checkCoverage(exports: PublicExport[], pages: PageSource[]): CoverageReport {
  const sections = new Map<string, ReferenceSection>()
  for (const page of pages) {
    for (const section of referenceSections(page)) sections.set(section.name, section)
  }
  const names = [...new Set(exports.map((entry) => entry.name))]
  return {
    missing: names.filter((name) => !sections.has(name)),
    withoutCode: names.filter((name) => {
      const section = sections.get(name)
      return section !== undefined && !/^\s*```/m.test(section.body)
    }),
  }
}

/** A name imported from one of the packages in a page's code examples. */
export interface ExampleImport {
  file: string
  name: string
  specifier: string
}

const IMPORT_LIST = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g

/** Every name the code blocks of `pages` import from a specifier under the packages' scope (e.g. `@streamkit/`). */
export function exampleImports(pages: PageSource[], entries: PublicEntry[]): ExampleImport[] {
  const scopes = [...new Set(entries.map((entry) => `${entry.specifier.split('/')[0]}/`))]
  const imports: ExampleImport[] = []
  for (const page of pages) {
    const code = [...page.source.matchAll(/^\s*```[^\n]*\n([\s\S]*?)^\s*```/gm)].map(
      (block) => block[1] ?? '',
    )
    for (const [, list = '', specifier = ''] of code.join('\n').matchAll(IMPORT_LIST)) {
      if (!scopes.some((scope) => specifier.startsWith(scope))) continue
      for (const item of list.split(',')) {
        const name = item
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]
          ?.trim()
        if (name) imports.push({ file: page.file, name, specifier })
      }
    }
  }
  return imports
}

/**
 * The names the code blocks of `pages` import from the packages that those packages do not export, or
 * that come from an entry point that does not exist: an example that would not compile after a rename or
 * a removal.
 */
export function unknownExampleImports(
  pages: PageSource[],
  entries: PublicEntry[],
  exports: PublicExport[],
): ExampleImport[] {
  const exported = new Set(exports.map((entry) => `${entry.specifier} ${entry.name}`))
  return exampleImports(pages, entries).filter(({ name, specifier }) => !exported.has(`${specifier} ${name}`))
}
