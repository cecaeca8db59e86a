import type { ChunkArrival } from './inspector'

const WIDTH = 1000
const HEIGHT = 90
const PAD = 24
const AXIS_Y = 60

/** Rounds a span up to a readable axis length: 500 ms, 1 s, 2 s, 5 s, 10 s... */
function axisSpan(lastAt: number): number {
  for (const span of [500, 1000, 2000, 5000, 10_000, 20_000, 60_000]) if (lastAt * 1.05 <= span) return span
  return Math.ceil(lastAt / 60_000) * 60_000
}

/** An SVG timeline: one mark per chunk at the moment it arrived. */
export function Timeline({ chunks }: { chunks: ChunkArrival[] }) {
  const span = axisSpan(chunks.at(-1)?.at ?? 0)
  const x = (at: number) => PAD + (at / span) * (WIDTH - 2 * PAD)
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * span)
  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${chunks.length} chunks over ${span} ms`}
        data-testid="inspector-timeline"
      >
        <line x1={PAD} x2={WIDTH - PAD} y1={AXIS_Y} y2={AXIS_Y} className="timeline-axis" />
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={AXIS_Y} y2={AXIS_Y + 6} className="timeline-axis" />
            <text x={x(tick)} y={AXIS_Y + 22} textAnchor="middle" className="timeline-label">
              {tick >= 1000 ? `${tick / 1000} s` : `${tick} ms`}
            </text>
          </g>
        ))}
        {chunks.map((chunk, index) => (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: chunks are append-only, the index is their identity
            key={index}
            x={x(chunk.at) - 2}
            y={12}
            width={4}
            height={AXIS_Y - 12}
            rx={2}
            className="timeline-mark"
            data-testid="chunk-mark"
            data-arrived-ms={chunk.at.toFixed(1)}
          >
            <title>{`Chunk ${index + 1}: ${Math.round(chunk.at)} ms, ${chunk.bytes} bytes`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="muted">Time since the request started; each bar is one chunk.</figcaption>
    </figure>
  )
}
