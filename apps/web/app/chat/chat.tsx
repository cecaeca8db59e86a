'use client'

import type { SseEvent } from '@streamkit/stream-core'
import { useStream } from '@streamkit/stream-react'
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react'
import { fitConversation, MAX_MESSAGE_CHARS } from '@/lib/chat-limits'
import { type AssistantReply, EMPTY_REPLY, reduceChatEvent } from './chat-events'

type MessageState = 'complete' | 'streaming' | 'stopped' | 'error'

interface Message {
  role: 'user' | 'assistant'
  content: string
  state: MessageState
}

const STATE_NOTE: Partial<Record<MessageState, string>> = {
  stopped: 'Stopped: the answer is incomplete.',
  error: 'The answer was cut off by an error: it is incomplete.',
}

export function Chat({ modelLabel }: { modelLabel: string }) {
  const inputId = useId()
  const [history, setHistory] = useState<Message[]>([])
  const [question, setQuestion] = useState<string | undefined>(undefined)
  const [draft, setDraft] = useState('')
  const {
    status,
    value: reply,
    error,
    start,
    stop,
  } = useStream<'sse', SseEvent, AssistantReply>({
    url: '/api/chat',
    format: 'sse',
    reduce: reduceChatEvent,
    initial: EMPTY_REPLY,
    // A reconnect would send the question again and append a second answer: a dropped chat is an error.
    reconnect: false,
  })
  const busy = status === 'connecting' || status === 'streaming'
  const pending = question === undefined ? [] : pendingMessages(question, reply, status)

  function send(event?: FormEvent) {
    event?.preventDefault()
    const content = draft.trim()
    if (!content || busy) return
    const next = [...history, ...pending, { role: 'user' as const, content, state: 'complete' as const }]
    setHistory([...history, ...pending])
    setQuestion(content)
    setDraft('')
    void start({
      body: {
        messages: fitConversation(
          next.filter((message) => message.state !== 'error' && message.content.trim() !== ''),
        ).map(({ role, content }) => ({ role, content })),
      },
    })
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey) send(event)
  }

  const messages = [...history, ...pending]
  return (
    <section className="panel" aria-label="Chat">
      <p className="row">
        <span>Model:</span>
        <span className="badge" data-testid="model-label">
          {modelLabel}
        </span>
        <span className="status" data-status={status} data-testid="chat-status" role="status">
          {status}
        </span>
      </p>

      <ol
        className="messages"
        aria-label="Conversation"
        aria-live="polite"
        aria-busy={busy}
        data-testid="messages"
      >
        {messages.length === 0 ? <li className="muted">No messages yet: ask something.</li> : null}
        {messages.map((message, index) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: messages are append-only, the index is their identity
            key={index}
            className="message"
            data-role={message.role}
            data-state={message.state}
            aria-busy={message.state === 'streaming'}
          >
            <span className="message-author">{message.role === 'user' ? 'You' : modelLabel}</span>
            <span
              className="message-text"
              data-testid={message.role === 'assistant' ? 'assistant-text' : undefined}
            >
              {message.content}
            </span>
            {STATE_NOTE[message.state] ? (
              <span className="message-note">{STATE_NOTE[message.state]}</span>
            ) : null}
          </li>
        ))}
      </ol>

      {status === 'error' && error ? (
        <p role="alert" className="error" data-testid="chat-error">
          {error.message}
        </p>
      ) : null}

      <form onSubmit={send}>
        <label htmlFor={inputId}>Message</label>
        <textarea
          id={inputId}
          rows={3}
          value={draft}
          maxLength={MAX_MESSAGE_CHARS}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Ask about streaming (Enter sends, Shift+Enter for a new line)"
        />
        <div className="row">
          <button type="submit" disabled={busy || draft.trim() === ''}>
            Send
          </button>
          <button type="button" className="secondary" onClick={stop} disabled={!busy}>
            Stop
          </button>
        </div>
      </form>
    </section>
  )
}

function pendingMessages(question: string, reply: AssistantReply, status: string): Message[] {
  const user: Message = { role: 'user', content: question, state: 'complete' }
  const state: MessageState =
    status === 'done'
      ? 'complete'
      : status === 'aborted'
        ? 'stopped'
        : status === 'error'
          ? 'error'
          : 'streaming'
  return [user, { role: 'assistant', content: reply.text, state }]
}
