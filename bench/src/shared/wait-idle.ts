import { readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'

/** CPU time (clock ticks) a process has used so far, from /proc; `undefined` where there is no /proc. */
async function cpuTicks(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces, so split after its closing parenthesis).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12]) // utime + stime
  } catch {
    return undefined
  }
}

/**
 * Waits until the given processes are idle: none of them used more than one clock tick of CPU in the last
 * 100 ms (at most `maxMs`). A server whose contender keeps producing after its client left (a loop that
 * ignores the cancel) would otherwise still be burning CPU during the next row's measurement. Without /proc
 * it waits a fixed 200 ms.
 */
export async function waitIdle(pids: number[], maxMs = 10_000): Promise<void> {
  const deadline = performance.now() + maxMs
  let before = await Promise.all(pids.map(cpuTicks))
  if (before.some((ticks) => ticks === undefined)) {
    await sleep(200)
    return
  }
  while (performance.now() < deadline) {
    await sleep(100)
    const after = await Promise.all(pids.map(cpuTicks))
    if (after.every((ticks, index) => ticks !== undefined && ticks - (before[index] ?? 0) <= 1)) return
    before = after
  }
}
