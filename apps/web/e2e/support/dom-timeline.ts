import type { Page } from '@playwright/test'

interface TimelineWindow {
  __e2eTimeline?: { firstSeen: Record<string, number>; snapshots: string[] }
}

/**
 * Watches the text of the element matching `selector` from inside the page: records when each needle first
 * appears in the DOM (performance.now(), taken in the MutationObserver callback) and every distinct text the
 * element shows. Install before the action that starts the stream.
 */
export async function watchText(page: Page, selector: string, needles: string[] = []): Promise<void> {
  await page.evaluate(
    ({ selector, needles }) => {
      const target = document.querySelector(selector)
      if (!target) throw new Error(`watchText: nothing matches ${selector}`)
      const timeline = { firstSeen: {} as Record<string, number>, snapshots: [] as string[] }
      ;(window as TimelineWindow).__e2eTimeline = timeline
      const check = () => {
        const text = target.textContent ?? ''
        if (timeline.snapshots.at(-1) !== text) timeline.snapshots.push(text)
        for (const needle of needles) {
          if (!(needle in timeline.firstSeen) && text.includes(needle))
            timeline.firstSeen[needle] = performance.now()
        }
      }
      new MutationObserver(check).observe(target, { childList: true, subtree: true, characterData: true })
      check()
    },
    { selector, needles },
  )
}

/** What {@link watchText} has recorded so far. */
export async function readTimeline(
  page: Page,
): Promise<{ firstSeen: Record<string, number>; snapshots: string[] }> {
  return page.evaluate(() => {
    const timeline = (window as TimelineWindow).__e2eTimeline
    if (!timeline) throw new Error('readTimeline: call watchText first')
    return timeline
  })
}

/**
 * The gaps between consecutive times, in order (`[10, 25, 60]` -> `[15, 35]`).
 * @example
 * expect(Math.min(...gaps(times))).toBeGreaterThanOrEqual(60)
 */
export function gaps(times: number[]): number[] {
  return times.slice(1).map((time, index) => time - (times[index] ?? Number.NaN))
}

/** The time a needle was first seen, or NaN (which fails any numeric assertion) when it never was. */
export function seenAt(firstSeen: Record<string, number>, needle: string): number {
  return firstSeen[needle] ?? Number.NaN
}
