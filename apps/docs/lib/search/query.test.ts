import { describe, expect, it } from 'vitest'
import { searchEntries } from './query'
import type { SearchEntry } from './types'

const entries: SearchEntry[] = [
  {
    href: '/concepts/buffering',
    title: 'Buffering by proxies',
    section: 'Concepts',
    headings: [{ text: 'Compression', id: 'compression' }],
    text: 'nginx buffers responses unless X-Accel-Buffering is no. Compression middleware may wait.',
  },
  {
    href: '/recipes/db-cursor',
    title: 'Database cursor to NDJSON',
    section: 'Recipes',
    headings: [{ text: 'The route', id: 'the-route' }],
    text: 'Read rows with a cursor and stream them; compression is not needed.',
  },
]

describe('searchEntries', () => {
  it('finds a page by a word that only appears in its body', () => {
    expect(searchEntries(entries, 'nginx').map((result) => result.href)).toEqual(['/concepts/buffering'])
  })

  it('requires every word of the query, ignoring case', () => {
    expect(searchEntries(entries, 'ROWS cursor').map((result) => result.href)).toEqual(['/recipes/db-cursor'])
    expect(searchEntries(entries, 'rows nginx')).toEqual([])
  })

  it('ranks a page whose title or heading holds the word above one that only mentions it', () => {
    expect(searchEntries(entries, 'compression').map((result) => result.href)).toEqual([
      '/concepts/buffering#compression',
      '/recipes/db-cursor',
    ])
  })

  it('returns a snippet around the first match', () => {
    const [result] = searchEntries(entries, 'middleware')
    expect(result?.snippet).toContain('Compression middleware may wait.')
  })

  it('returns nothing for a blank query', () => {
    expect(searchEntries(entries, '   ')).toEqual([])
  })
})

describe('searchEntries ranking by body', () => {
  const page = (href: string, text: string): SearchEntry => ({
    href,
    title: href,
    section: 'S',
    headings: [],
    text,
  })

  it('ranks a page that mentions the word more often first', () => {
    const results = searchEntries(
      [page('/once', 'ping once'), page('/often', 'ping, ping and ping again')],
      'ping',
    )
    expect(results.map((result) => result.href)).toEqual(['/often', '/once'])
  })
})
