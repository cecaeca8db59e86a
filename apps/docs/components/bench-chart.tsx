import { readBenchRun } from '@/lib/bench-run'

/**
 * The chart of the latest published `pnpm bench` run (bench/chart.svg), read when the docs are built. An
 * `<img>` of a data URL: the SVG is shown as an image, never run as markup.
 */
export function BenchChart() {
  const run = readBenchRun()
  const src = `data:image/svg+xml;base64,${Buffer.from(run.chartSvg).toString('base64')}`
  const date = run.date.slice(0, 10)
  return (
    <figure className="bench-chart">
      {/* biome-ignore lint/performance/noImgElement: a build-time data URL, nothing for next/image to optimize */}
      <img src={src} alt={`Benchmark results of the run on ${date}: every row of every group, as bars`} />
      <figcaption>
        Latest full run: {date}, {run.machine}, {Math.round(run.totalSeconds)} s in all.
      </figcaption>
    </figure>
  )
}
