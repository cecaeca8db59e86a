import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { SiteNav } from '@/components/site-nav'
import './globals.css'

export const metadata: Metadata = {
  title: 'streamkit: streaming responses in Next.js',
  description: 'Route Handlers that stream correctly, and React hooks that render them cheaply.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header className="site-header">
          <SiteNav />
        </header>
        <main id="content">{children}</main>
      </body>
    </html>
  )
}
