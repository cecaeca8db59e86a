'use client'

import { useCallback, useRef, useState } from 'react'

/** When one chunk reached the page, in ms since the request started, and what it carried. */
export interface Arrival {
  atMs: number
  label: string
}

/**
 * Records the arrival time of each chunk the hook's `onChunk` reports. The log is what the e2e suite
 * reads to check that chunks arrive separately rather than in one buffered piece.
 */
export function useArrivals() {
  const [arrivals, setArrivals] = useState<Arrival[]>([])
  const startedAt = useRef(0)
  const begin = useCallback(() => {
    startedAt.current = performance.now()
    setArrivals([])
  }, [])
  const record = useCallback((label: string) => {
    const atMs = Math.round(performance.now() - startedAt.current)
    setArrivals((previous) => [...previous, { atMs, label }])
  }, [])
  return { arrivals, begin, record }
}

/** The arrival log under a live example. */
export function ArrivalLog({ arrivals }: { arrivals: Arrival[] }) {
  if (arrivals.length === 0) return null
  return (
    <ol className="arrivals" aria-label="Chunk arrivals">
      {arrivals.map((arrival, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the log only grows; an arrival never moves
        <li key={index} data-arrival-ms={arrival.atMs}>
          +{arrival.atMs} ms: {arrival.label}
        </li>
      ))}
    </ol>
  )
}
