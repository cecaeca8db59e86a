'use client'

import type { SseEvent } from '@streamkit/stream-core'
import { useStream } from '@streamkit/stream-react'
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { newChatId } from '@/lib/chat-id'
import { fitConversation, MAX_MESSAGE_CHARS } from '@/lib/chat-limits'
import {
  answerMessages,
  loadChat,
  type ChatViewMessage as Message,
  type MessageState,
  resumeRequest,
  type SavedAnswer,
  saveChat,
} from '@/lib/chat-persistence'
import { type AssistantReply, EMPTY_REPLY, reduceChatEvent } from './chat-events'

const STATE_NOTE: Partial<Record<MessageState, string>> = {
  stopped: 'Stopped: the answer is incomplete.',
  error: 'The answer was cut off by an error: it is incomplete.',
}

/** sessionStorage, or `undefined` where it is not available (server render, storage disabled). */
function tabStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage
  } catch {
    return undefined
  }
}

export function Chat({ modelLabel }: { modelLabel: string }) {
  const inputId = useId()
  const [history, setHistory] = useState<Message[]>([])
  const [question, setQuestion] = useState<string | undefined>(undefined)
  // The text of a resumed answer received before the reload: the stream continues after it.
  const [resumedText, setResumedText] = useState('')
  const [draft, setDraft] = useState('')
  // What is saved to sessionStorage, kept in refs so every chunk can save without a render.
  const historyRef = useRef<Message[]>([])
  const answerRef = useRef<SavedAnswer | undefined>(undefined)

  function save() {
    saveChat(tabStorage(), { history: historyRef.current, answer: answerRef.current })
  }

  function settle(state: MessageState) {
    const answer = answerRef.current
    if (answer?.state !== 'streaming') return
    answerRef.current = { ...answer, state }
    save()
  }

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
    // Answers are resumable: a reconnect sends Last-Event-ID with the same answer id, and the server only
    // reads the events it missed; it never asks the model again.
    reconnect: { maxRetries: 5 },
    onChunk: (event) => {
      const answer = answerRef.current
      if (!answer) return
      const { text } = reduceChatEvent({ text: answer.text, finishReason: undefined }, event)
      answerRef.current = { ...answer, text, lastEventId: event.id }
      save()
    },
    onFinish: () => settle('complete'),
    onError: () => settle('error'),
  })
  const busy = status === 'connecting' || status === 'streaming'
  const shown = resumedText === '' ? reply : { ...reply, text: resumedText + reply.text }
  const pending = question === undefined ? [] : pendingMessages(question, shown, status)

  // After a reload: restore the conversation and reattach to an answer that was still streaming.
  useEffect(() => {
    const saved = loadChat(tabStorage())
    if (!saved) return
    const { answer } = saved
    if (answer?.state === 'streaming') {
      historyRef.current = saved.history
      answerRef.current = answer
      setHistory(saved.history)
      setQuestion(answer.question)
      setResumedText(answer.text)
      void start(resumeRequest(answer))
      return
    }
    historyRef.current = answer ? [...saved.history, ...answerMessages(answer)] : saved.history
    answerRef.current = undefined
    setHistory(historyRef.current)
  }, [start])

  function send(event?: FormEvent) {
    event?.preventDefault()
    const content = draft.trim()
    if (!content || busy) return
    const next = [...history, ...pending, { role: 'user' as const, content, state: 'complete' as const }]
    const id = newChatId()
    const body = {
      id,
      messages: fitConversation(
        next.filter((message) => message.state !== 'error' && message.content.trim() !== ''),
      ).map(({ role, content }) => ({ role, content })),
    }
    historyRef.current = [...history, ...pending]
    answerRef.current = { id, question: content, body, text: '', lastEventId: '', state: 'streaming' }
    save()
    setHistory(historyRef.current)
    setQuestion(content)
    setResumedText('')
    setDraft('')
    void start({ body })
  }

  // Stop ends the generation for everyone (the explicit stop route), not only this connection.
  function stopAnswer() {
    const answer = answerRef.current
    if (answer) {
      // If it fails, this connection still ends; the answer then runs to its end on the server.
      fetch(`/api/chat/${encodeURIComponent(answer.id)}/stop`, { method: 'POST', keepalive: true }).catch(
        (failure: unknown) => console.warn('[chat] the stop request failed:', failure),
      )
    }
    settle('stopped')
    stop()
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
          <button type="button" className="secondary" onClick={stopAnswer} disabled={!busy}>
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
