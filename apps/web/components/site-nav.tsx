'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { DEMOS } from './demos'

export function SiteNav() {
  const pathname = usePathname()
  return (
    <nav aria-label="Main">
      <Link href="/" className="brand" aria-current={pathname === '/' ? 'page' : undefined}>
        streamkit
      </Link>
      {DEMOS.map((demo) => (
        <Link key={demo.href} href={demo.href} aria-current={pathname === demo.href ? 'page' : undefined}>
          {demo.title}
        </Link>
      ))}
    </nav>
  )
}
