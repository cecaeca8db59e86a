// Test support: counts the characters string primitives touch, to prove decoders linear without timing.

type StringMethod = 'indexOf' | 'slice' | 'includes' | 'trim' | 'charCodeAt'

/** Thrown by {@link countCharacterWork} as soon as the work exceeds the budget. */
export class WorkBudgetExceeded extends Error {
  override readonly name = 'WorkBudgetExceeded'
}

/**
 * Runs `run` while `String.prototype.indexOf / slice / includes / trim / charCodeAt` and `Array.prototype.join`
 * count the characters they scan or copy (a search counts the characters from its start position to the
 * match or to the end; a copy counts the characters it produces; `charCodeAt` counts one). The line splitter
 * and parsers use only these to touch text, so a quadratic algorithm shows up as a count that grows with the
 * square of the input.
 *
 * Throws {@link WorkBudgetExceeded} the moment the count passes `budget`, so that a quadratic algorithm fails
 * the test quickly instead of running for minutes.
 */
export async function countCharacterWork(run: () => unknown, budget: number): Promise<number> {
  let work = 0
  const add = (amount: number) => {
    work += amount
    if (work > budget) throw new WorkBudgetExceeded(`more than ${budget} characters of work`)
  }
  const proto = String.prototype as unknown as Record<StringMethod, (...args: unknown[]) => unknown>
  const originals = {
    indexOf: proto.indexOf,
    slice: proto.slice,
    includes: proto.includes,
    trim: proto.trim,
    charCodeAt: proto.charCodeAt,
  }
  const join = Array.prototype.join
  const searched = (self: string, from: unknown, found: number, searchLength: number) => {
    const start = typeof from === 'number' && from > 0 ? from : 0
    return Math.max(0, (found === -1 ? self.length : found + searchLength) - start)
  }
  proto.indexOf = function (this: string, search: unknown, from?: unknown) {
    const found = originals.indexOf.call(this, search, from) as number
    add(searched(this, from, found, String(search).length))
    return found
  }
  proto.includes = function (this: string, search: unknown, from?: unknown) {
    const found = originals.indexOf.call(this, search, from) as number
    add(searched(this, from, found, String(search).length))
    return found !== -1
  }
  proto.slice = function (this: string, ...args: unknown[]) {
    const result = originals.slice.apply(this, args) as string
    add(result.length)
    return result
  }
  proto.trim = function (this: string) {
    const result = originals.trim.call(this) as string
    // trim scans the whitespace it removes plus one character at each end.
    add(this.length - result.length + 2)
    return result
  }
  proto.charCodeAt = function (this: string, index?: unknown) {
    add(1)
    return originals.charCodeAt.call(this, index)
  }
  Array.prototype.join = function (this: unknown[], separator?: string) {
    const result = join.call(this, separator)
    add(result.length + this.length)
    return result
  }
  try {
    await run()
  } finally {
    Object.assign(proto, originals)
    Array.prototype.join = join
  }
  return work
}
