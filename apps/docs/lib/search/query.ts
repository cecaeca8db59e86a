import type { SearchEntry, SearchResult } from './types'

const SNIPPET_RADIUS = 70

function snippetAround(text: string, term: string): string {
  const at = text.toLowerCase().indexOf(term)
  if (at === -1) return text.slice(0, SNIPPET_RADIUS * 2)
  const start = Math.max(0, at - SNIPPET_RADIUS)
  const end = Math.min(text.length, at + term.length + SNIPPET_RADIUS)
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
}

function occurrences(text: string, term: string): number {
  let count = 0
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) count++
  return count
}

/** Body occurrences beyond this add nothing: a long page should not outrank a focused one by size alone. */
const MAX_COUNTED_OCCURRENCES = 5

/**
 * Pages that contain every word of the query (case-insensitive), best first: a word in the title counts
 * most, then in a heading, then in the body (more often counts more, up to a cap). A result links to the
 * first heading holding a query word.
 */
export function searchEntries(entries: SearchEntry[], query: string, limit = 8): SearchResult[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (terms.length === 0) return []
  const scored: { score: number; result: SearchResult }[] = []
  for (const entry of entries) {
    const title = entry.title.toLowerCase()
    const headings = entry.headings.map((heading) => ({ ...heading, lower: heading.text.toLowerCase() }))
    const body = entry.text.toLowerCase()
    let score = 0
    let matchesAll = true
    for (const term of terms) {
      const inTitle = title.includes(term)
      const inHeading = headings.some((heading) => heading.lower.includes(term))
      const inBody = Math.min(occurrences(body, term), MAX_COUNTED_OCCURRENCES)
      if (!inTitle && !inHeading && inBody === 0) {
        matchesAll = false
        break
      }
      score += (inTitle ? 10 : 0) + (inHeading ? 4 : 0) + inBody * 0.5
    }
    if (!matchesAll) continue
    const heading = headings.find((candidate) => terms.some((term) => candidate.lower.includes(term)))
    scored.push({
      score,
      result: {
        href: heading ? `${entry.href}#${heading.id}` : entry.href,
        title: heading ? `${entry.title}: ${heading.text}` : entry.title,
        section: entry.section,
        snippet: snippetAround(entry.text, terms[0] ?? ''),
      },
    })
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ result }) => result)
}
