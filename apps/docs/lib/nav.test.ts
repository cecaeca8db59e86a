import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { allPages, neighbours, pageFile } from './nav'
import { mdxHeadings } from './search/extract'

const appRoot = fileURLToPath(new URL('..', import.meta.url))

function mdxPagesUnder(folder: string): string[] {
  return readdirSync(path.join(appRoot, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name === 'page.mdx')
    .map((entry) => path.relative(appRoot, path.join(entry.parentPath, entry.name)))
}

describe('navigation', () => {
  it('has a page.mdx file for every entry', () => {
    const missing = allPages.filter((page) => !existsSync(path.join(appRoot, pageFile(page.href))))
    expect(missing).toEqual([])
  })

  it('lists every page.mdx file of the app', () => {
    const listed = new Set(allPages.map((page) => pageFile(page.href)))
    expect(mdxPagesUnder('app').filter((file) => !listed.has(file))).toEqual([])
  })

  it('uses the title of each page as written in its only level-1 heading', () => {
    const mismatched = allPages.filter((page) => {
      const source = readFileSync(path.join(appRoot, pageFile(page.href)), 'utf8')
      const titles = mdxHeadings(source).filter((heading) => heading.level === 1)
      return titles.length !== 1 || titles[0]?.text !== page.title
    })
    expect(mismatched).toEqual([])
  })

  it('gives each page the same title in its metadata', () => {
    const mismatched = allPages.filter((page) => {
      const source = readFileSync(path.join(appRoot, pageFile(page.href)), 'utf8')
      return !source.includes(`export const metadata = { title: '${page.title}' }`)
    })
    expect(mismatched).toEqual([])
  })

  it('has no duplicate routes', () => {
    expect(new Set(allPages.map((page) => page.href)).size).toBe(allPages.length)
  })

  it('links each page to its neighbours in reading order', () => {
    const second = allPages[1]
    if (!second) throw new Error('fewer than two pages')
    expect(neighbours(second.href)).toEqual({ previous: allPages[0], next: allPages[2] })
    expect(neighbours('/').previous).toBeUndefined()
    expect(neighbours(allPages.at(-1)?.href ?? '').next).toBeUndefined()
  })
})
