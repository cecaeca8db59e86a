const LINE_WIDTH = 110

/**
 * JSON laid out the way the repo's formatter (Biome) lays it out, so a fresh results.json passes `pnpm lint`:
 * objects one key per line, arrays of primitives on one line when they fit in 110 columns.
 */
export function formatJson(value: unknown): string {
  return `${layout(value, '', 0)}\n`
}

function layout(value: unknown, indent: string, prefixLength: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const inner = `${indent}  `
    if (value.every((item) => item === null || typeof item !== 'object')) {
      const flat = `[${value.map((item) => JSON.stringify(item) ?? 'null').join(', ')}]`
      if (prefixLength + flat.length + 1 <= LINE_WIDTH) return flat
    }
    return `[\n${value.map((item) => `${inner}${layout(item, inner, inner.length)}`).join(',\n')}\n${indent}]`
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined)
    if (entries.length === 0) return '{}'
    const inner = `${indent}  `
    const lines = entries.map(([key, item]) => {
      const head = `${inner}${JSON.stringify(key)}: `
      return `${head}${layout(item, inner, head.length)}`
    })
    return `{\n${lines.join(',\n')}\n${indent}}`
  }
  return JSON.stringify(value) ?? 'null'
}
