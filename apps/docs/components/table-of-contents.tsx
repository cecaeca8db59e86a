'use client'

import { usePathname } from 'next/navigation'
import { useEffect, useState } from 'react'

interface TocEntry {
  id: string
  text: string
  level: 2 | 3
}

/** A heading's own text, without the "#" of its anchor link. */
function headingText(heading: HTMLHeadingElement): string {
  return Array.from(heading.childNodes)
    .filter((node) => !(node instanceof HTMLElement && node.classList.contains('heading-anchor')))
    .map((node) => node.textContent ?? '')
    .join('')
}

/**
 * "On this page": links to the h2/h3 sections of the current page, read from the rendered article after
 * each navigation (the headings get their ids from mdx-components.tsx). Shown beside wide layouts only.
 */
export function TableOfContents() {
  const pathname = usePathname()
  const [entries, setEntries] = useState<TocEntry[]>([])

  // biome-ignore lint/correctness/useExhaustiveDependencies: the headings change with the page, i.e. the pathname
  useEffect(() => {
    const headings = document.querySelectorAll<HTMLHeadingElement>('.prose h2[id], .prose h3[id]')
    setEntries(
      Array.from(headings, (heading) => ({
        id: heading.id,
        text: headingText(heading),
        level: heading.tagName === 'H2' ? 2 : 3,
      })),
    )
  }, [pathname])

  if (entries.length < 2) return null
  return (
    <nav className="toc" aria-label="On this page">
      <p className="toc-title">On this page</p>
      <ul>
        {entries.map((entry) => (
          <li key={entry.id} className={entry.level === 3 ? 'toc-nested' : undefined}>
            <a href={`#${entry.id}`}>{entry.text}</a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
