import Link from 'next/link'
import { DEMOS } from '@/components/demos'
import { TimedTextStream } from '@/components/timed-text-stream'

export default function Home() {
  return (
    <>
      <h1>streamkit: streaming responses in Next.js</h1>
      <p className="lead">
        Route Handlers that send each piece of a response the moment it exists, and React hooks that render it
        as it arrives. Stop really stops the server, errors show as errors, and nothing here needs an API key.
      </p>
      <ol className="flow" aria-label="How a streamed response travels">
        <li>async source</li>
        <li>toReadableStream</li>
        <li>streamResponse</li>
        <li>network</li>
        <li>decoder</li>
        <li>React hook</li>
      </ol>

      <h2>Try the tutorial&apos;s examples</h2>
      <p className="muted">
        Each button fetches a route and prints every chunk with the time it arrived: the words come in
        separately, not all at once at the end.
      </p>
      <div className="cards">
        <TimedTextStream
          url="/api/stream"
          buttonLabel="Stream"
          testId="stream"
          title="GET /api/stream"
          description='"hello", " ", "world", 200 ms apart, on the Edge runtime.'
        />
        <TimedTextStream
          url="/api/iterator"
          buttonLabel="Iterate"
          testId="iterator"
          title="GET /api/iterator"
          description='"one", "two", "three" from an async iterator, 100 ms apart.'
        />
      </div>

      <h2>Demos</h2>
      <ul className="cards">
        {DEMOS.map((demo) => (
          <li key={demo.href} className="card">
            <h3>
              <Link href={demo.href}>{demo.title}</Link>
            </h3>
            <p>
              <code>{demo.route}</code>
            </p>
            <p>{demo.summary}</p>
          </li>
        ))}
      </ul>
    </>
  )
}
