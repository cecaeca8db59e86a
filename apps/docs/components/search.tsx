'use client'

import Link from 'next/link'
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { searchEntries } from '@/lib/search/query'
import type { SearchEntry } from '@/lib/search/types'

type IndexState = { status: 'idle' | 'loading' | 'error' } | { status: 'ready'; entries: SearchEntry[] }

/**
 * Site search over the index `next build` writes to /search-index.json (titles, headings and text of
 * every MDX page). The index is fetched on first focus and searched in the browser.
 */
export function Search() {
  const [query, setQuery] = useState('')
  const [index, setIndex] = useState<IndexState>({ status: 'idle' })
  const inputId = useId()
  const resultsId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const listRef = useRef<HTMLUListElement>(null)

  function loadIndex() {
    if (index.status !== 'idle') return
    setIndex({ status: 'loading' })
    fetch('/search-index.json')
      .then((response) => {
        if (!response.ok) throw new Error(`search index: HTTP ${response.status}`)
        return response.json() as Promise<SearchEntry[]>
      })
      .then((entries) => setIndex({ status: 'ready', entries }))
      .catch(() => setIndex({ status: 'error' }))
  }

  // "/" focuses the search box from anywhere on the page, as on most docs sites.
  useEffect(() => {
    function onKeyDown(event: globalThis.KeyboardEvent) {
      const target = event.target as HTMLElement | null
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]')
      if (event.key === '/' && !typing) {
        event.preventDefault()
        inputRef.current?.focus()
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])

  const results = index.status === 'ready' ? searchEntries(index.entries, query) : []
  const open = query.trim() !== ''

  function links(): HTMLAnchorElement[] {
    return Array.from(listRef.current?.querySelectorAll('a') ?? [])
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape') {
      setQuery('')
      inputRef.current?.focus()
      return
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const items = links()
    if (items.length === 0) return
    event.preventDefault()
    const current = items.indexOf(document.activeElement as HTMLAnchorElement)
    const step = event.key === 'ArrowDown' ? 1 : -1
    const next = current + step
    if (next < 0) inputRef.current?.focus()
    else items[Math.min(next, items.length - 1)]?.focus()
  }

  return (
    <search className="search" onKeyDown={onKeyDown}>
      <label htmlFor={inputId} className="visually-hidden">
        Search the docs
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="search"
        placeholder="Search the docs (press /)"
        autoComplete="off"
        value={query}
        aria-controls={resultsId}
        onFocus={loadIndex}
        onChange={(event) => setQuery(event.target.value)}
      />
      {open ? (
        <div className="search-results" id={resultsId}>
          {index.status === 'ready' && results.length === 0 ? (
            <p className="search-empty">No page matches “{query.trim()}”.</p>
          ) : null}
          {index.status === 'loading' || index.status === 'idle' ? (
            <p className="search-empty">Loading…</p>
          ) : null}
          {index.status === 'error' ? <p className="search-empty">The search index failed to load.</p> : null}
          {results.length > 0 ? (
            <ul ref={listRef} aria-label="Search results">
              {results.map((result) => (
                <li key={result.href}>
                  <Link href={result.href} onClick={() => setQuery('')}>
                    <span className="search-result-title">{result.title}</span>
                    <span className="search-result-section">{result.section}</span>
                    <span className="search-result-snippet">{result.snippet}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </search>
  )
}
