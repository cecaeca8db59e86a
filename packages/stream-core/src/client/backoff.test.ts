import { describe, expect, it } from 'vitest'
import { backoffDelay, resolveReconnectOptions } from './backoff'

const noJitter = resolveReconnectOptions({ jitter: 'none', initialDelayMs: 100, maxDelayMs: 1000 })

describe('resolveReconnectOptions', () => {
  it('fills in the documented defaults', () => {
    const { random, ...rest } = resolveReconnectOptions(undefined)
    expect(rest).toEqual({ maxRetries: 3, initialDelayMs: 1000, maxDelayMs: 30_000, jitter: 'equal' })
    expect(random).toBe(Math.random)
  })

  it('keeps the values given and ignores undefined ones', () => {
    const options = resolveReconnectOptions({ maxRetries: 7, initialDelayMs: undefined })
    expect(options.maxRetries).toBe(7)
    expect(options.initialDelayMs).toBe(1000)
  })

  it('turns false into a policy with no retries', () => {
    expect(resolveReconnectOptions(false).maxRetries).toBe(0)
  })
})

describe('backoffDelay', () => {
  it('doubles the base delay on each attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, noJitter, 100))).toEqual([100, 200, 400, 800])
  })

  it('caps the delay at maxDelayMs', () => {
    expect(backoffDelay(10, noJitter, 100)).toBe(1000)
  })

  it('starts from the given base delay, e.g. the server retry field', () => {
    expect(backoffDelay(2, noJitter, 250)).toBe(500)
  })

  it('with full jitter scales the delay by the random number', () => {
    const options = { ...noJitter, jitter: 'full' as const, random: () => 0.25 }
    expect(backoffDelay(3, options, 100)).toBe(100)
  })

  it('with full jitter can go down to zero', () => {
    expect(backoffDelay(1, { ...noJitter, jitter: 'full', random: () => 0 }, 100)).toBe(0)
  })

  it('with equal jitter stays between half the delay and the delay', () => {
    const low = backoffDelay(3, { ...noJitter, jitter: 'equal', random: () => 0 }, 100)
    const high = backoffDelay(3, { ...noJitter, jitter: 'equal', random: () => 0.999999 }, 100)
    expect([low, high]).toEqual([200, 400])
  })

  it('clamps a random source that leaves [0, 1]', () => {
    expect(backoffDelay(1, { ...noJitter, jitter: 'full', random: () => 7 }, 100)).toBe(100)
  })
})
