import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { HydrationMarker } from '@/components/hydration-marker'
import { Pager } from '@/components/pager'
import { Search } from '@/components/search'
import { Sidebar } from '@/components/sidebar'
import { TableOfContents } from '@/components/table-of-contents'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'streamkit docs', template: '%s · streamkit docs' },
  description: 'How to stream responses in Next.js correctly, with stream-core and stream-react.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            streamkit <span className="brand-suffix">docs</span>
          </Link>
          <Search />
        </header>
        <div className="shell">
          <Sidebar />
          <main id="content" className="content" tabIndex={-1}>
            <article className="prose">{children}</article>
            <Pager />
          </main>
          <TableOfContents />
        </div>
        <HydrationMarker />
      </body>
    </html>
  )
}
