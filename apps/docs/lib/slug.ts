import { isValidElement, type ReactNode } from 'react'

/**
 * The anchor id of a heading, from its plain text: lower case, punctuation dropped, spaces to dashes.
 * MDX headings (components/heading.tsx) and the search index (lib/search/extract.ts) both use it, so a
 * search result links to the same id the page renders.
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_\s-]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
}

/** The plain text of rendered MDX children (strings, numbers, nested elements such as inline code). */
export function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node)
  if (Array.isArray(node)) return node.map(textOf).join('')
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children)
  return ''
}
