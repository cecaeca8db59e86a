import { type Cell, formatCell, type GroupResult } from './report'

/** What the chart needs of results.json. */
export interface ChartInput {
  date: string
  quick: boolean
  machine: { cpu: string; cores: number; node: string }
  groups: GroupResult[]
}

const WIDTH = 960
const LABEL_WIDTH = 420
const VALUE_WIDTH = 90
const BAR_HEIGHT = 16
const BAR_GAP = 6
const COLORS = { kit: '#2563eb', other: '#9ca3af', ceiling: '#111827' }

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function barColor(label: string): string {
  if (/stream-core|stream-react/.test(label)) return COLORS.kit
  if (/ceiling/.test(label)) return COLORS.ceiling
  return COLORS.other
}

/**
 * Renders the groups that have a chart as one SVG of horizontal bar panels (one bar per row, stream-core and
 * stream-react in blue), hand-written so the benchmark needs no charting library.
 */
export function renderChart(input: ChartInput): string {
  const parts: string[] = []
  let y = 40
  parts.push(
    `<text x="16" y="26" font-size="18" font-weight="600">streamkit benchmarks${input.quick ? ' (quick smoke run: not representative)' : ''}</text>`,
  )
  for (const group of input.groups) {
    const chart = group.chart
    if (!chart) continue
    const bars = group.rows
      .map((row) => ({
        label: chart.labelKeys
          .map((key) => row[key])
          .filter(Boolean)
          .join(' · '),
        value: row[chart.valueKey],
      }))
      .filter(
        (bar): bar is { label: string; value: number } =>
          typeof bar.value === 'number' && Number.isFinite(bar.value),
      )
    if (bars.length === 0) continue
    const format = group.columns.find((column) => column.key === chart.valueKey)?.format
    const max = Math.max(...bars.map((bar) => bar.value)) || 1
    y += 22
    parts.push(`<text x="16" y="${y}" font-size="14" font-weight="600">${escapeXml(group.title)}</text>`)
    y += 16
    parts.push(
      `<text x="16" y="${y}" font-size="11" fill="#4b5563">${escapeXml(chart.axis)} (${chart.higherIsBetter ? 'longer is better' : 'shorter is better'})</text>`,
    )
    y += 8
    for (const bar of bars) {
      const width = Math.max(1, ((WIDTH - LABEL_WIDTH - VALUE_WIDTH - 24) * bar.value) / max)
      const text = formatCell(bar.value as Cell, format)
      parts.push(
        `<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 4}" font-size="11" text-anchor="end">${escapeXml(bar.label)}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" rx="2" fill="${barColor(bar.label)}"/>`,
        `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + BAR_HEIGHT - 4}" font-size="11">${escapeXml(text)}</text>`,
      )
      y += BAR_HEIGHT + BAR_GAP
    }
    y += 8
  }
  y += 14
  parts.push(
    `<text x="16" y="${y}" font-size="11" fill="#4b5563">${escapeXml(`${input.machine.cpu}, ${input.machine.cores} cores, Node ${input.machine.node}, ${input.date.slice(0, 10)}. Reproduce: pnpm bench`)}</text>`,
  )
  const height = y + 16
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="title" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
    `<title id="title">streamkit benchmark results (${escapeXml(input.date.slice(0, 10))})</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n')
}
