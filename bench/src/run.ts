// `pnpm bench` (full, under 10 minutes on 2 cores) or `pnpm bench -- --quick` (smoke run, under a minute).
// Options: --only=encode,decode,memory,cancel,render,concurrency   --runs=N
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, freemem, totalmem, type } from 'node:os'
import { join } from 'node:path'
import { renderChart } from './shared/chart'
import { benchRoot } from './shared/child-process'
import { formatJson } from './shared/format-json'
import { type BenchConfig, type GroupResult, renderTable, skippedGroup } from './shared/report'

interface GroupEntry {
  id: string
  title: string
  run: (config: BenchConfig) => Promise<GroupResult>
}

const groups: GroupEntry[] = [
  {
    id: 'encode',
    title: '1. Server encode throughput',
    run: async (config) => (await import('./encode-throughput')).runEncodeThroughput(config),
  },
  {
    id: 'decode',
    title: '2. Client decode throughput',
    run: async (config) => (await import('./decode-throughput')).runDecodeThroughput(config),
  },
  {
    id: 'memory',
    title: '3. Memory with a slow client',
    run: async (config) => (await import('./memory')).runMemory(config),
  },
  {
    id: 'cancel',
    title: '4. Cancel latency',
    run: async (config) => (await import('./cancel-latency')).runCancelLatency(config),
  },
  {
    id: 'render',
    title: '5. Render cost',
    run: async (config) => (await import('./render-cost')).runRenderCost(config),
  },
  {
    id: 'concurrency',
    title: '6. Concurrent SSE streams',
    run: async (config) => (await import('./concurrency')).runConcurrency(config),
  },
]

function option(name: string): string | undefined {
  const prefix = `--${name}=`
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length)
}

const quick = process.argv.includes('--quick')
const only = option('only')?.split(',')
const config: BenchConfig = { quick, runs: Number(option('runs') ?? (quick ? 1 : 3)) }

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  freeMemoryGiB: Math.round(freemem() / 2 ** 30),
  os: type(),
  node: process.version,
}
const started = performance.now()
console.log(
  `streamkit bench${quick ? ' --quick (smoke run: sizes too small for meaningful numbers)' : ''}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}\n`,
)

const results: GroupResult[] = []
for (const group of groups) {
  if (only && !only.includes(group.id)) continue
  const groupStarted = performance.now()
  console.error(`running ${group.title} ...`)
  let result: GroupResult
  try {
    result = await group.run(config)
  } catch (error) {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error)
    result = skippedGroup(group.id, group.title, reason.split('\n').slice(0, 3).join(' / '))
  }
  result.notes.push(`group time ${((performance.now() - groupStarted) / 1000).toFixed(1)} s`)
  results.push(result)
  console.log(`${renderTable(result)}\n`)
}

const totalSeconds = (performance.now() - started) / 1000
const report = {
  date: new Date().toISOString(),
  quick,
  runs: config.runs,
  machine,
  totalSeconds,
  groups: results,
}
// Only a full run of every group is published: a smoke run or a subset (--only) writes to bench/quick/
// (git-ignored), so it never overwrites the numbers the README shows.
const partial = quick || only !== undefined
const outDir = partial ? join(benchRoot, 'quick') : benchRoot
mkdirSync(outDir, { recursive: true })
writeFileSync(join(outDir, 'results.json'), formatJson(report))
writeFileSync(join(outDir, 'chart.svg'), renderChart(report))
const shown = partial ? 'bench/quick/' : 'bench/'
console.log(`done in ${totalSeconds.toFixed(0)} s: wrote ${shown}results.json and ${shown}chart.svg`)
