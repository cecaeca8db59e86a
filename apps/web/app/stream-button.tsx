'use client'

import { useTextStream } from '@streamkit/stream-react'

export function StreamButton() {
  const { text, start } = useTextStream('/api/stream')
  return (
    <section>
      <button type="button" onClick={() => void start()}>
        Stream
      </button>
      <output data-testid="stream-output">{text}</output>
    </section>
  )
}
