import { describe, expect, it } from 'vitest'
import { type JobEvent, runJob } from './job'

async function collect(events: AsyncIterable<JobEvent>): Promise<JobEvent[]> {
  const all: JobEvent[] = []
  for await (const event of events) all.push(event)
  return all
}

const percents = (events: JobEvent[]) =>
  events.flatMap((event) => (event.type === 'progress' ? [event.percent] : []))

describe('runJob', () => {
  it('reports progress from 0 to 100, then done', async () => {
    const events = await collect(runJob({ stepMs: 0, stepPercent: 25 }))
    expect(percents(events)).toEqual([0, 25, 50, 75, 100])
    expect(events.at(-1)).toMatchObject({ type: 'done' })
  })

  it('resumes after the given percent', async () => {
    expect(percents(await collect(runJob({ stepMs: 0, stepPercent: 25, resumeAfter: 50 })))).toEqual([
      75, 100,
    ])
  })

  it('stops at once when its signal aborts', async () => {
    const controller = new AbortController()
    const job = runJob({ stepMs: 60_000, stepPercent: 5, signal: controller.signal })
    await job.next()
    const waiting = job.next()
    controller.abort(new Error('client left'))
    await expect(waiting).rejects.toThrow('client left')
  })
})
