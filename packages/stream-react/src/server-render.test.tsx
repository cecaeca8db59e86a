// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
// Importing the package entry in a node environment already proves it touches no window or document.
import { useTextStream } from './index'

function Story({ fetch }: { fetch: typeof globalThis.fetch }) {
  const { status, text } = useTextStream('/api/story', { fetch, autoStart: true })
  return (
    <p>
      {status}:{text}
    </p>
  )
}

describe('server rendering', () => {
  it('renders the idle state without fetching, where there is no window or document', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const fetch = vi.fn<typeof globalThis.fetch>()
    expect(renderToString(<Story fetch={fetch} />)).toBe('<p>idle<!-- -->:</p>')
    expect(fetch).not.toHaveBeenCalled()
  })
})
