'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useId, useState } from 'react'
import { navigation } from '@/lib/nav'

/**
 * Every page, grouped by section; the current page is marked for screen readers and styles. On narrow
 * screens the list folds behind a Menu button so the page content comes first.
 */
export function Sidebar() {
  const pathname = usePathname()
  const [open, setOpen] = useState(false)
  const [openedOn, setOpenedOn] = useState(pathname)
  const listId = useId()
  // Following a link closes the menu: the new page's content is what the reader asked for.
  if (openedOn !== pathname) {
    setOpenedOn(pathname)
    setOpen(false)
  }
  return (
    <nav className="sidebar" aria-label="Documentation" data-open={open}>
      <button
        type="button"
        className="sidebar-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
      >
        Menu
      </button>
      <div id={listId} className="sidebar-sections">
        {navigation.map((section) => (
          <section key={section.title}>
            <h2 className="sidebar-title">{section.title}</h2>
            <ul>
              {section.pages.map((page) => (
                <li key={page.href}>
                  <Link href={page.href} aria-current={page.href === pathname ? 'page' : undefined}>
                    {page.title}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </nav>
  )
}
