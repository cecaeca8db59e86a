'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { neighbours } from '@/lib/nav'

/** Links to the previous and next page in reading order. */
export function Pager() {
  const { previous, next } = neighbours(usePathname())
  if (!previous && !next) return null
  return (
    <nav className="pager" aria-label="Previous and next page">
      {previous ? (
        <Link href={previous.href} rel="prev">
          <span className="pager-label">Previous</span>
          {previous.title}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.href} rel="next" className="pager-next">
          <span className="pager-label">Next</span>
          {next.title}
        </Link>
      ) : null}
    </nav>
  )
}
