import type { Metadata } from 'next'
import { connection } from 'next/server'
import { chatModelLabel } from '@/lib/model'
import { Chat } from './chat'

export const metadata: Metadata = { title: 'AI chat · streamkit' }

export default async function ChatPage() {
  // The model comes from the server's environment at request time, not at build time.
  await connection()
  return (
    <>
      <h1>AI chat</h1>
      <p className="lead">
        AI SDK <code>streamText</code> streamed as typed server-sent events by stream-core&apos;s AI adapter
        and rendered by <code>useStream</code>. Answers are resumable: reload mid-answer and it continues
        where it was, without asking the model again. Stop ends the generation on the server.
      </p>
      <Chat modelLabel={chatModelLabel()} />
    </>
  )
}
