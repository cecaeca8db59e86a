'use client'

import { useEffect } from 'react'

/**
 * Sets `data-hydrated` on <html> once React has hydrated the page, so the e2e suite clicks live-example
 * buttons and types into search only when their handlers are attached.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return null
}
