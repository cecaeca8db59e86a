/** An event as the SSE decoder yields it, following the WHATWG EventSource rules. */
export interface SseEvent {
  /** The event type: the `event:` field, or `'message'` when absent. */
  event: string
  /** The data lines of the event, joined with `\n`. */
  data: string
  /** The last event ID in force when the event was dispatched (persists across events), `''` if none. */
  id: string
}

/** An event to encode. Every field is optional; a message with only `comment` is a comment line. */
export interface SseMessage {
  /** `event:` field; omitted means the client sees `'message'`. Must not contain CR or LF. */
  event?: string
  /** `data:` payload; a string is sent as-is (split on line breaks), anything else as JSON. */
  data?: unknown
  /** `id:` field. Must not contain CR, LF or NUL. */
  id?: string | number
  /** `retry:` field, in milliseconds: the client's reconnection delay. */
  retry?: number
  /** A comment line (`: ...`), ignored by clients; used for heartbeats and padding. */
  comment?: string
}
