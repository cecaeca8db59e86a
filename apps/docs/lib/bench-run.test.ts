import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readBenchRun } from './bench-run'

const scratch: string[] = []
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempRepo(results: object | undefined): string {
  const root = mkdtempSync(path.join(tmpdir(), 'bench-run-'))
  scratch.push(root)
  mkdirSync(path.join(root, 'apps', 'docs'), { recursive: true })
  if (results) {
    mkdirSync(path.join(root, 'bench'))
    writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify(results))
    writeFileSync(path.join(root, 'bench', 'chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>')
  }
  return path.join(root, 'apps', 'docs')
}

const machine = { cpu: 'Test CPU', cores: 2, node: 'v20.20.2' }

describe('readBenchRun', () => {
  it("reads this repository's published run from the docs app", () => {
    const run = readBenchRun(path.resolve(__dirname, '..'))
    expect(run.chartSvg.startsWith('<svg')).toBe(true)
    expect(Number.isNaN(Date.parse(run.date))).toBe(false)
    expect(run.machine).toMatch(/cores, Node v\d+/)
    expect(run.totalSeconds).toBeGreaterThan(0)
  })

  it('finds the bench folder above the directory it starts from', () => {
    const docs = tempRepo({ date: '2026-01-02T03:04:05Z', quick: false, totalSeconds: 12, machine })
    expect(readBenchRun(docs)).toEqual({
      chartSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      date: '2026-01-02T03:04:05Z',
      machine: 'Test CPU, 2 cores, Node v20.20.2',
      totalSeconds: 12,
    })
  })

  it('refuses a smoke run', () => {
    const docs = tempRepo({ date: '2026-01-02T03:04:05Z', quick: true, totalSeconds: 12, machine })
    expect(() => readBenchRun(docs)).toThrow(/--quick smoke run/)
  })

  it('says what to run when there are no results', () => {
    expect(() => readBenchRun(tempRepo(undefined))).toThrow(/run `pnpm bench`/)
  })
})
