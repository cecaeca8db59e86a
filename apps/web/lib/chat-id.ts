// Chat answer ids: a random UUID the browser makes (or the server, for a client that sends none). The id is
// what lets a reload, a dropped connection or another server instance find the same answer again, so it is
// also the only key to it: anyone who has it can read or stop that answer.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/**
 * Whether `value` is a well-formed answer id (an RFC 9562 UUID), as every chat route checks before use.
 * @example
 * isChatId('1b4e28ba-2fa1-41d2-883f-0016d3cca427') // true
 * isChatId('../../etc') // false
 */
export function isChatId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/**
 * A new random answer id (UUID v4). Uses `crypto.randomUUID` where it exists; outside a secure context
 * (plain http on a LAN address) the browser lacks it, so the UUID is built from `getRandomValues`.
 * @example
 * const id = newChatId() // '3f0c9a8e-...'
 */
export function newChatId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
