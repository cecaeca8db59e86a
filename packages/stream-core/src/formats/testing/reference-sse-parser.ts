// Test support: the WHATWG "interpret an event stream" steps, read literally and with no care for speed, as
// the oracle the fast parser is compared against.

/** What a reading of a whole stream reports, in order. */
export type ReferenceReport =
  | { event: { event: string; data: string; id: string } }
  | { retry: number }
  | { comment: string }

/**
 * Interprets the whole text of an event stream by the spec's steps: one leading BOM removed; lines split at
 * CRLF, LF or CR; a last line without a line end dropped; then each line in turn (blank: dispatch; `:`: a
 * comment; else a field and a value, one space after the colon removed). Returns every report and the last
 * event ID at the end.
 */
export function referenceSse(text: string): { reports: ReferenceReport[]; lastEventId: string } {
  const reports: ReferenceReport[] = []
  let data = ''
  let eventType = ''
  let idBuffer = ''
  let lastEventId = ''
  const source = text.startsWith('\ufeff') ? text.slice(1) : text
  const lines = source.split(/\r\n|\r|\n/)
  // The piece after the last line end is not a line (it is '' when the text ends with a line end).
  lines.pop()
  for (const line of lines) {
    if (line === '') {
      lastEventId = idBuffer
      if (data === '') {
        eventType = ''
        continue
      }
      reports.push({ event: { event: eventType || 'message', data: data.slice(0, -1), id: lastEventId } })
      data = ''
      eventType = ''
      continue
    }
    if (line.startsWith(':')) {
      reports.push({ comment: line.slice(line.startsWith(': ') ? 2 : 1) })
      continue
    }
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') eventType = value
    else if (field === 'data') data += `${value}\n`
    else if (field === 'id' && !value.includes('\0')) idBuffer = value
    else if (field === 'retry' && /^[0-9]+$/.test(value)) reports.push({ retry: Number(value) })
  }
  return { reports, lastEventId }
}
