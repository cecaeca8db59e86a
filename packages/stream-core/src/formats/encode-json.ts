import { EncodeError } from '../errors/encode-error'

/**
 * `JSON.stringify` that refuses what JSON cannot carry instead of writing something else: a top-level
 * `undefined`, function or symbol (for which `JSON.stringify` returns `undefined`), and a `BigInt` or a
 * cycle anywhere (for which it throws a `TypeError`). Nested values follow JSON's own rules: `undefined`,
 * functions and symbols are dropped from objects and become `null` in arrays, `NaN` and `Infinity` become
 * `null`, `toJSON()` is honoured. The result never contains a raw CR or LF.
 */
export function encodeJson(value: unknown, what: string): string {
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch (error) {
    throw new EncodeError(`${what} cannot be encoded as JSON: ${(error as Error).message}`, { cause: error })
  }
  if (json === undefined) throw new EncodeError(`${what} cannot be encoded as JSON: got ${describe(value)}`)
  return json
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`
  return 'a value whose toJSON() returns undefined'
}
