import { spawnBenchChild } from './shared/child-process'
import { readSlowly } from './shared/http-client'
import type { BenchConfig, Cell, GroupResult } from './shared/report'
import { median } from './shared/stats'

const CONTENDERS = [
  { id: 'stream-core', label: 'stream-core streamResponse' },
  { id: 'from', label: 'ReadableStream.from' },
  { id: 'start-loop', label: "tutorial's start() loop" },
]

/**
 * Group 3: peak RSS above idle while a slow client downloads a large text body. Each run is a fresh server
 * process (so one run's heap never helps the next); the server resets the kernel's peak-RSS mark just before
 * the request and reads it after the last byte.
 */
export async function runMemory(config: BenchConfig): Promise<GroupResult> {
  const totalBytes = (config.quick ? 16 : 256) * 2 ** 20
  const bytesPerSecond = (config.quick ? 32 : 64) * 2 ** 20
  const runs = config.quick ? 1 : Math.min(config.runs, 2)
  const rows: Record<string, Cell>[] = []
  for (const contender of CONTENDERS) {
    const row: Record<string, Cell> = { contender: contender.label, remark: '' }
    rows.push(row)
    try {
      const peaks: number[] = []
      const idles: number[] = []
      for (let run = 0; run < runs; run++) {
        const child = spawnBenchChild(
          new URL('./memory-server.ts', import.meta.url),
          [contender.id],
          ['--expose-gc'],
        )
        try {
          const { url } = await child.nextMessage<{ type: 'ready'; url: string }>('ready')
          child.send({ type: 'arm' })
          const { idleKiB } = await child.nextMessage<{ type: 'armed'; idleKiB: number }>('armed')
          const read = await readSlowly(`${url}/?bytes=${totalBytes}`, bytesPerSecond)
          if (read.bytes !== totalBytes) throw new Error(`read ${read.bytes} of ${totalBytes} bytes`)
          child.send({ type: 'read' })
          const { peakKiB } = await child.nextMessage<{ type: 'peak'; peakKiB: number }>('peak')
          idles.push(idleKiB / 1024)
          peaks.push((peakKiB - idleKiB) / 1024)
        } finally {
          await child.stop()
        }
      }
      row.idleMiB = median(idles)
      row.peakAboveIdleMiB = median(peaks)
    } catch (error) {
      row.remark = `failed: ${error instanceof Error ? error.message : String(error)}`
    }
  }
  const core = rows[0]?.peakAboveIdleMiB
  for (const row of rows) {
    row.vsCore =
      typeof row.peakAboveIdleMiB === 'number' && typeof core === 'number'
        ? row.peakAboveIdleMiB / core
        : null
  }
  return {
    id: 'memory',
    title: `3. Memory: peak RSS above idle, ${totalBytes / 2 ** 20} MiB to a client reading ${bytesPerSecond / 2 ** 20} MiB/s`,
    columns: [
      { key: 'contender', label: 'server body' },
      { key: 'idleMiB', label: 'idle RSS MiB', format: 'fixed1' },
      { key: 'peakAboveIdleMiB', label: 'peak above idle MiB', format: 'fixed1' },
      { key: 'vsCore', label: 'vs stream-core', format: 'ratio' },
      { key: 'remark', label: '' },
    ],
    rows,
    chart: {
      valueKey: 'peakAboveIdleMiB',
      labelKeys: ['contender'],
      axis: 'peak RSS above idle, MiB',
      higherIsBetter: false,
    },
    notes: [
      `16 KiB text items from an async generator; one fresh server process per run (median of ${runs}); peak = the kernel's VmHWM, reset via /proc/self/clear_refs right before the request.`,
    ],
  }
}
