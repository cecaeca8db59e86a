/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  return percentile(values, 50)
}

/** The p-th percentile (0-100) by linear interpolation between closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  const lowValue = sorted[low] ?? Number.NaN
  const highValue = sorted[high] ?? Number.NaN
  return lowValue + (highValue - lowValue) * (rank - low)
}

/** Bytes to MiB. */
export function mib(bytes: number): number {
  return bytes / (1024 * 1024)
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
