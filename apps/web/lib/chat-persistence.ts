// What the chat page keeps in sessionStorage so a reload mid-answer can reattach to the same answer: the
// conversation so far and the running answer (its id, the text received and the id of the last event).
// Browser-safe: no server import.

/** Where a message is: streamed to the end, still streaming, stopped by the user, or cut off by an error. */
export type MessageState = 'complete' | 'streaming' | 'stopped' | 'error'

/** One message of the conversation as the chat shows it. */
export interface ChatViewMessage {
  role: 'user' | 'assistant'
  content: string
  state: MessageState
}

/**
 * The body POST /api/chat was sent: the answer id and the conversation it answers. (A type alias, not an
 * interface, so it fits the client's plain-object body type.)
 */
export type ChatAnswerBody = {
  id: string
  messages: Array<{ role: 'user' | 'assistant'; content: string }>
}

/** The newest answer: what it answers, how far it got, and whether it is still streaming. */
export interface SavedAnswer {
  id: string
  question: string
  body: ChatAnswerBody
  /** The answer's text up to and including the event `lastEventId`. */
  text: string
  /** The id of the last event received; `''` before the first. */
  lastEventId: string
  state: MessageState
}

/** The chat as saved: the earlier messages, and the newest answer (absent before the first question). */
export interface SavedChat {
  history: ChatViewMessage[]
  answer?: SavedAnswer
}

/** The sessionStorage key (per tab: two tabs hold two conversations). */
export const CHAT_STORAGE_KEY = 'streamkit.chat.v1'

/**
 * The saved chat, or `undefined` when there is none, storage is unavailable, or what is there is not a
 * chat this version wrote (it is then ignored rather than trusted).
 * @example
 * const saved = loadChat(window.sessionStorage)
 */
export function loadChat(storage: Pick<Storage, 'getItem'> | undefined): SavedChat | undefined {
  let raw: string | null | undefined
  try {
    raw = storage?.getItem(CHAT_STORAGE_KEY)
  } catch {
    return undefined
  }
  if (!raw) return undefined
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return undefined
  }
  if (!isRecord(value) || !Array.isArray(value.history) || !value.history.every(isViewMessage))
    return undefined
  if (value.answer === undefined) return { history: value.history }
  return isSavedAnswer(value.answer) ? { history: value.history, answer: value.answer } : undefined
}

/**
 * Saves the chat; a full or unavailable storage only loses the ability to resume, never the chat itself.
 * @example
 * saveChat(window.sessionStorage, { history, answer })
 */
export function saveChat(storage: Pick<Storage, 'setItem'> | undefined, chat: SavedChat): void {
  try {
    storage?.setItem(CHAT_STORAGE_KEY, JSON.stringify(chat))
  } catch {
    // Quota exceeded or storage disabled: the page still works, a reload just cannot reattach.
  }
}

/**
 * How to reattach to a saved answer: GET /api/chat/[id] after its last event; or, when no event had arrived
 * (the first POST may never have reached the server), the same POST again, which starts the answer at most
 * once per id.
 * @example
 * void start(resumeRequest(saved.answer))
 */
export function resumeRequest(
  answer: SavedAnswer,
):
  | { url: string; method: 'GET'; lastEventId: string }
  | { url: string; method: 'POST'; body: ChatAnswerBody } {
  if (answer.lastEventId === '') return { url: '/api/chat', method: 'POST', body: answer.body }
  return { url: `/api/chat/${encodeURIComponent(answer.id)}`, method: 'GET', lastEventId: answer.lastEventId }
}

/**
 * A finished answer as the two messages it adds to the conversation.
 * @example
 * const history = [...saved.history, ...answerMessages(saved.answer)]
 */
export function answerMessages(answer: SavedAnswer): ChatViewMessage[] {
  return [
    { role: 'user', content: answer.question, state: 'complete' },
    { role: 'assistant', content: answer.text, state: answer.state },
  ]
}

const STATES: readonly string[] = ['complete', 'streaming', 'stopped', 'error']

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isRole(value: unknown): value is 'user' | 'assistant' {
  return value === 'user' || value === 'assistant'
}

function isViewMessage(value: unknown): value is ChatViewMessage {
  return (
    isRecord(value) &&
    isRole(value.role) &&
    typeof value.content === 'string' &&
    typeof value.state === 'string' &&
    STATES.includes(value.state)
  )
}

function isSavedAnswer(value: unknown): value is SavedAnswer {
  if (!isRecord(value) || !isRecord(value.body) || !Array.isArray(value.body.messages)) return false
  return (
    typeof value.id === 'string' &&
    value.body.id === value.id &&
    value.body.messages.every(
      (message: unknown) => isRecord(message) && isRole(message.role) && typeof message.content === 'string',
    ) &&
    typeof value.question === 'string' &&
    typeof value.text === 'string' &&
    typeof value.lastEventId === 'string' &&
    /^\d*$/.test(value.lastEventId) &&
    typeof value.state === 'string' &&
    STATES.includes(value.state)
  )
}
