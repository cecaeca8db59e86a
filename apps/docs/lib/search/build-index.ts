import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { navigation, pageFile } from '../nav'
import { extractSearchEntry } from './extract'
import type { SearchEntry } from './types'

/** Reads every page's MDX source (relative to `root`, the docs app folder) into search entries. */
export async function buildSearchIndex(root: string): Promise<SearchEntry[]> {
  const pages = navigation.flatMap((section) =>
    section.pages.map((page) => ({ ...page, section: section.title })),
  )
  return Promise.all(
    pages.map(async (page) =>
      extractSearchEntry(await readFile(path.join(root, pageFile(page.href)), 'utf8'), page),
    ),
  )
}
