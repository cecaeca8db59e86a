import { slugify } from '../slug'
import type { SearchEntry } from './types'

const FENCE = /^\s*```/
const HEADING = /^(#{1,6})\s+(.*)$/
const ESM = /^(import|export)\s/
const JSX_TAG = /<\/?[A-Za-z][^>]*>/g

/** Removes JSX tags outside inline code: `Promise<T>` in backticks is text, `<Demo />` is markup. */
function withoutJsxTags(line: string): string {
  return line
    .split('`')
    .map((part, index) => (index % 2 === 0 ? part.replace(JSX_TAG, ' ') : part))
    .join('`')
}

/** Heading text as the page renders it: inline code and emphasis marks removed. */
export function headingText(markdown: string): string {
  return stripInline(markdown).trim()
}

function stripInline(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\*([^*\s][^*]*)\*/g, '$1')
}

/** The `#`, `##`... headings of an MDX source outside code blocks, in order, with their level. */
export function mdxHeadings(source: string): { level: number; text: string }[] {
  const headings: { level: number; text: string }[] = []
  let inFence = false
  for (const line of source.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence
    if (inFence) continue
    const match = HEADING.exec(line)
    if (match?.[1] && match[2]) headings.push({ level: match[1].length, text: headingText(match[2]) })
  }
  return headings
}

/**
 * Turns an MDX page into a search entry: title, linkable headings (h2-h4) and plain text. ESM blocks
 * (`import`/`export` up to the next blank line) and JSX tags are dropped; code blocks are kept, so a
 * search for a header name or a function finds the page that shows it.
 */
export function extractSearchEntry(
  source: string,
  page: { href: string; title: string; section: string },
): SearchEntry {
  const words: string[] = []
  let inFence = false
  let inEsm = false
  for (const line of source.split('\n')) {
    if (FENCE.test(line)) {
      inFence = !inFence
      continue
    }
    if (inFence) {
      words.push(line)
      continue
    }
    if (inEsm) {
      inEsm = line.trim() !== ''
      continue
    }
    if (ESM.test(line)) {
      inEsm = true
      continue
    }
    const heading = HEADING.exec(line)
    words.push(stripInline(withoutJsxTags(heading?.[2] ?? line)))
  }
  const headings = mdxHeadings(source)
    .filter((heading) => heading.level >= 2 && heading.level <= 4)
    .map(({ text }) => ({ text, id: slugify(text) }))
  return {
    ...page,
    headings,
    text: words.join(' ').replace(/\s+/g, ' ').trim(),
  }
}
