/**
 * The data every contender streams: the same small items, from the same kind of source, an async generator
 * (the shape of an LLM token stream or a DB cursor). Items are ready at once, so what is measured is the cost
 * of getting them onto the wire, not the source's own pace.
 */

/** A word of fixed width (7 bytes with its space), so a text body's item count is its byte count / 7. */
export function word(index: number): string {
  return `w${String(index % 100_000).padStart(5, '0')} `
}

/** Bytes per text item. */
export const WORD_BYTES = 7

/** A small JSON record, as an NDJSON row. */
export interface Row {
  id: number
  word: string
}

export async function* words(count: number): AsyncGenerator<string> {
  for (let index = 0; index < count; index++) yield word(index)
}

export async function* rows(count: number): AsyncGenerator<Row> {
  for (let index = 0; index < count; index++) yield { id: index, word: word(index).trimEnd() }
}

/** Group 4's pause between items, like a page fetch or an LLM token: where a source sits when the client leaves. */
export const CANCEL_TICK_MS = 20
