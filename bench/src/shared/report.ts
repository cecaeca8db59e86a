/** How big a run is: the full benchmark, or a smoke run that only proves every row works. */
export interface BenchConfig {
  quick: boolean
  /** Measured runs per row; the median is reported. */
  runs: number
}

/** One printed column: which key of a row it shows, and how. */
export interface Column {
  key: string
  label: string
  format?: 'int' | 'fixed1' | 'fixed2' | 'percent' | 'ratio' | 'text'
}

/** A cell value; null for "not measured" (printed as a dash). */
export type Cell = string | number | null

/** The result of one benchmark group, as printed and as written to results.json. */
export interface GroupResult {
  id: string
  title: string
  columns: Column[]
  rows: Record<string, Cell>[]
  /** What the chart of this group plots: one bar per row. */
  chart?: { valueKey: string; labelKeys: string[]; axis: string; higherIsBetter: boolean }
  /** Method, caveats and rows that could not run, in plain words. */
  notes: string[]
}

/** A result when a group could not run at all. */
export function skippedGroup(id: string, title: string, reason: string): GroupResult {
  return { id, title, columns: [], rows: [], notes: [`skipped: ${reason}`] }
}

export function formatCell(value: Cell | undefined, format: Column['format'] = 'text'): string {
  if (value === null || value === undefined) return '-'
  if (typeof value === 'string') return value
  if (!Number.isFinite(value)) return '-'
  switch (format) {
    case 'int':
      return Math.round(value).toLocaleString('en-US')
    case 'fixed1':
      return value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    case 'fixed2':
      return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    case 'percent':
      return `${(value * 100).toFixed(0)} %`
    case 'ratio':
      return `${value.toFixed(2)}x`
    default:
      return String(value)
  }
}

/** A group as a plain-text table (also valid GitHub Markdown). */
export function renderTable(group: GroupResult): string {
  const lines = [`## ${group.title}`, '']
  if (group.rows.length > 0) {
    const header = group.columns.map((column) => column.label)
    const body = group.rows.map((row) =>
      group.columns.map((column) => formatCell(row[column.key], column.format)),
    )
    const widths = header.map((label, index) =>
      Math.max(label.length, ...body.map((cells) => (cells[index] ?? '').length)),
    )
    const numeric = group.columns.map((column) => column.format !== undefined && column.format !== 'text')
    const line = (cells: string[]) =>
      `| ${cells.map((cell, index) => (numeric[index] ? cell.padStart(widths[index] ?? 0) : cell.padEnd(widths[index] ?? 0))).join(' | ')} |`
    lines.push(line(header))
    lines.push(
      `|${widths.map((width, index) => (numeric[index] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`,
    )
    for (const cells of body) lines.push(line(cells))
    lines.push('')
  }
  for (const note of group.notes) lines.push(`- ${note}`)
  return lines.join('\n')
}
