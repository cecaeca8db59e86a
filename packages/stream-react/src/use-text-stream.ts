import { useCallback, useState } from 'react'

/**
 * Placeholder, replaced by the real implementation.
 * @example
 * const { text, start } = useTextStream('/api/stream')
 */
export function useTextStream(url: string): { text: string; start: () => Promise<void> } {
  const [text, setText] = useState('')
  const start = useCallback(async () => {
    const response = await fetch(url)
    setText(await response.text())
  }, [url])
  return { text, start }
}
