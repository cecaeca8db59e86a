import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** The latest published `pnpm bench` run: the chart it drew and where it ran. */
export interface BenchRun {
  /** The SVG chart, as `bench/chart.svg` holds it. */
  chartSvg: string
  /** When the run finished (ISO 8601). */
  date: string
  /** The machine, e.g. `AMD EPYC, 2 cores, Node v20.20.2`. */
  machine: string
  /** How long the whole run took, in seconds. */
  totalSeconds: number
}

interface Results {
  date: string
  quick: boolean
  totalSeconds: number
  machine: { cpu: string; cores: number; node: string }
}

/**
 * Reads `bench/results.json` and `bench/chart.svg` from the repository, looking in `from` and upward (the
 * docs app builds from `apps/docs`). Read at build time, so the page shows the run committed with it.
 * @throws {Error} when there is no bench folder above `from`, or its results are a smoke run.
 */
export function readBenchRun(from: string = process.cwd()): BenchRun {
  // Read at build time only (the page is static): the bundler must not trace the whole repository for it.
  const dir = findBenchDir(path.resolve(/* turbopackIgnore: true */ from))
  const results = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as Results
  if (results.quick) throw new Error(`${dir}/results.json is a --quick smoke run, not publishable numbers`)
  return {
    chartSvg: readFileSync(path.join(dir, 'chart.svg'), 'utf8'),
    date: results.date,
    machine: `${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}`,
    totalSeconds: results.totalSeconds,
  }
}

function findBenchDir(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'bench')
    if (existsSync(path.join(candidate, 'results.json')) && existsSync(path.join(candidate, 'chart.svg'))) {
      return candidate
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`No bench/results.json and bench/chart.svg in ${start} or above it: run \`pnpm bench\``)
    }
  }
}
