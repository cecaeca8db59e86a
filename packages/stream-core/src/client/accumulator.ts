import type { StreamFormat } from '../formats/byte-source'

/**
 * Builds a session's value from its chunks. `value()` returns the same reference until the next `add()`, so
 * snapshots stay referentially stable between chunks.
 */
export interface Accumulator<TChunk, TValue> {
  add(chunk: TChunk): void
  value(): TValue
  reset(): void
}

/** A user-supplied fold over the chunks, with its starting value. */
export interface StreamReducer<TChunk, TValue> {
  reduce: (value: TValue, chunk: TChunk) => TValue
  initial: TValue
}

/** Concatenates text chunks. */
function textAccumulator(): Accumulator<string, string> {
  let text = ''
  return {
    add: (chunk) => {
      text += chunk
    },
    value: () => text,
    reset: () => {
      text = ''
    },
  }
}

/**
 * Collects chunks into an array. Appending is O(1); the copy handed out is made lazily, once per read after a
 * change, so a consumer that reads once per frame pays O(n) per frame rather than O(n) per chunk.
 */
function listAccumulator<TChunk>(): Accumulator<TChunk, TChunk[]> {
  let items: TChunk[] = []
  let published: TChunk[] = []
  let dirty = false
  return {
    add: (chunk) => {
      items.push(chunk)
      dirty = true
    },
    value: () => {
      if (dirty) {
        published = items.slice()
        dirty = false
      }
      return published
    },
    reset: () => {
      items = []
      published = []
      dirty = false
    },
  }
}

function reducerAccumulator<TChunk, TValue>(
  reducer: StreamReducer<TChunk, TValue>,
): Accumulator<TChunk, TValue> {
  let value = reducer.initial
  return {
    add: (chunk) => {
      value = reducer.reduce(value, chunk)
    },
    value: () => value,
    reset: () => {
      value = reducer.initial
    },
  }
}

/**
 * The accumulator for a session: the reducer when one is given, else text concatenation for `'text'` and an
 * array of items / events for `'ndjson'` and `'sse'`.
 */
export function createAccumulator<TChunk, TValue>(
  format: StreamFormat,
  reducer: StreamReducer<TChunk, TValue> | undefined,
): Accumulator<TChunk, TValue> {
  if (reducer) return reducerAccumulator(reducer)
  // Without a reducer TValue is the format's default value (the session's types guarantee it).
  const accumulator = format === 'text' ? textAccumulator() : listAccumulator<TChunk>()
  return accumulator as unknown as Accumulator<TChunk, TValue>
}
