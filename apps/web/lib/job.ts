import { delay } from '@streamkit/stream-core'

/** What the long-job route streams: progress, then one final event. */
export type JobEvent =
  | { type: 'progress'; percent: number; stage: string }
  | { type: 'done'; durationMs: number; summary: string }

const STAGES = ['Queued', 'Reading input', 'Transforming', 'Writing output', 'Verifying'] as const

export interface JobOptions {
  /** Pause between progress events, in ms. */
  stepMs: number
  /** Percent gained per step (100 must be reachable: 1..100). */
  stepPercent: number
  /** Resume after this percent (a reconnecting client's Last-Event-ID); default: start from 0. */
  resumeAfter?: number
  signal?: AbortSignal
}

/**
 * A simulated long server job that reports its progress: 0 % to 100 %, then `done`. Resumable: with
 * `resumeAfter` it continues after that percent instead of starting again.
 * @example
 * for await (const event of runJob({ stepMs: 100, stepPercent: 5 })) console.log(event)
 */
export async function* runJob(options: JobOptions): AsyncGenerator<JobEvent> {
  const started = Date.now()
  const first = options.resumeAfter === undefined ? 0 : options.resumeAfter + options.stepPercent
  for (let percent = first; percent < 100; percent += options.stepPercent) {
    yield { type: 'progress', percent, stage: stageAt(percent) }
    await delay(options.stepMs, options.signal)
  }
  yield { type: 'progress', percent: 100, stage: 'Finished' }
  yield { type: 'done', durationMs: Date.now() - started, summary: 'All records processed.' }
}

function stageAt(percent: number): string {
  return STAGES[Math.min(STAGES.length - 1, Math.floor((percent / 100) * STAGES.length))] ?? 'Working'
}
