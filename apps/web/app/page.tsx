import { StreamButton } from './stream-button'

export default function Home() {
  return (
    <main>
      <h1>streamkit</h1>
      <p>Streaming responses in Next.js: bytes reach the browser as the server produces them.</p>
      <StreamButton />
    </main>
  )
}
