// Child process of group 5: renders streaming hooks in happy-dom (production React), one after the other, while a
// fake fetch delivers `rate` chunks per second for `seconds`, and counts React commits.
// Arguments: <contender,contender,...> <rate> <seconds> <runs per contender>.
import { useChat, useCompletion } from '@ai-sdk/react'
import { useTextStream } from '@streamkit/stream-react'
import { DefaultChatTransport } from 'ai'
import { Window } from 'happy-dom'
import { useEffect, useLayoutEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { sendToParent } from './shared/child-process'
import { word } from './shared/workload'

const [contenderList = '', rateArg = '5000', secondsArg = '5', runsArg = '1'] = process.argv.slice(2)
const rate = Number(rateArg)
const seconds = Number(secondsArg)
const total = rate * seconds
const expected = Array.from({ length: total }, (_, index) => word(index)).join('')

// A DOM for React. happy-dom's requestAnimationFrame fires on the next macrotask; a browser fires it once per
// display frame, so a 60 Hz one replaces it (the frame-coalescing hooks depend on it).
const window = new Window()
const FRAME_MS = 1000 / 60
const frameStart = performance.now()
Object.assign(globalThis, {
  window,
  document: window.document,
  requestAnimationFrame: (callback: (time: number) => void) => {
    const elapsed = performance.now() - frameStart
    const wait = FRAME_MS - (elapsed % FRAME_MS)
    return setTimeout(() => callback(performance.now()), wait) as unknown as number
  },
  cancelAnimationFrame: (id: number) => clearTimeout(id),
})

/** A fetch whose body delivers one 7-byte word per chunk, `rate` chunks a second, on a 1 ms timer. */
const streamingFetch: typeof fetch = (_input, init) => deliver(init, word, 'text/plain; charset=utf-8')

/** The same words as an AI SDK UI message stream: one `text-delta` SSE event per chunk. */
const uiMessageFetch: typeof fetch = (_input, init) => {
  const part = (value: object) => `data: ${JSON.stringify(value)}\n\n`
  const opening = part({ type: 'start' }) + part({ type: 'text-start', id: 't' })
  const closing = `${part({ type: 'text-end', id: 't' })}${part({ type: 'finish' })}data: [DONE]\n\n`
  const chunk = (index: number) => {
    const delta = part({ type: 'text-delta', id: 't', delta: word(index) })
    return `${index === 0 ? opening : ''}${delta}${index === total - 1 ? closing : ''}`
  }
  return deliver(init, chunk, 'text/event-stream')
}

async function deliver(init: RequestInit | undefined, chunk: (index: number) => string, contentType: string) {
  const encoder = new TextEncoder()
  let sent = 0
  let timer: NodeJS.Timeout | undefined
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const started = performance.now()
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate))
        for (; sent < due; sent++) controller.enqueue(encoder.encode(chunk(sent)))
        if (sent === total) controller.close()
        else timer = setTimeout(tick, 1)
      }
      timer = setTimeout(tick, 1)
      init?.signal?.addEventListener('abort', () => clearTimeout(timer))
    },
    cancel() {
      clearTimeout(timer)
    },
  })
  return new Response(body, { headers: { 'content-type': contentType } })
}

let commits = 0
let latest = ''
let done = false

/** Counts commits: a layout effect without dependencies runs once per commit of its component. */
function useCommitCounter(text: string, finished: boolean): void {
  useLayoutEffect(() => {
    commits++
    latest = text
    done = finished
  })
}

function StreamReact() {
  const { text, status } = useTextStream('/api/bench', { fetch: streamingFetch, autoStart: true })
  useCommitCounter(text, status === 'done')
  return <pre>{text}</pre>
}

/** The hand-written hook most apps start with: read the body, setState on every chunk. */
function useNaiveTextStream(url: string): { text: string; finished: boolean } {
  const [text, setText] = useState('')
  const [finished, setFinished] = useState(false)
  useEffect(() => {
    const controller = new AbortController()
    void (async () => {
      const response = await streamingFetch(url, { signal: controller.signal })
      const reader = (response.body as ReadableStream<Uint8Array>).getReader()
      const decoder = new TextDecoder()
      for (;;) {
        const { done: end, value } = await reader.read()
        if (end) break
        const delta = decoder.decode(value, { stream: true })
        setText((previous) => previous + delta)
      }
      setFinished(true)
    })()
    return () => controller.abort()
  }, [url])
  return { text, finished }
}

function Naive() {
  const { text, finished } = useNaiveTextStream('/api/bench')
  useCommitCounter(text, finished)
  return <pre>{text}</pre>
}

function AiSdkCompletion({ throttle }: { throttle?: number }) {
  const { completion, complete, isLoading } = useCompletion({
    api: '/api/bench',
    streamProtocol: 'text',
    fetch: streamingFetch,
    experimental_throttle: throttle,
  })
  const [started, setStarted] = useState(false)
  useEffect(() => {
    setStarted(true)
    void complete('go')
  }, [complete])
  useCommitCounter(completion, started && !isLoading && completion.length > 0)
  return <pre>{completion}</pre>
}

const chatTransport = new DefaultChatTransport({ api: '/api/bench', fetch: uiMessageFetch })

function AiSdkChat() {
  const { messages, sendMessage, status } = useChat({ transport: chatTransport })
  useEffect(() => {
    void sendMessage({ text: 'go' })
  }, [sendMessage])
  const last = messages.at(-1)
  const text =
    last?.role === 'assistant'
      ? last.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')
      : ''
  useCommitCounter(text, status === 'ready' && text.length > 0)
  return <pre>{text}</pre>
}

const contenders: Record<string, () => React.ReactElement> = {
  'stream-react': () => <StreamReact />,
  naive: () => <Naive />,
  'ai-sdk': () => <AiSdkCompletion />,
  'ai-sdk-throttle': () => <AiSdkCompletion throttle={16} />,
  'ai-sdk-chat': () => <AiSdkChat />,
}

async function measure(contenderId: string): Promise<void> {
  const render = contenders[contenderId]
  if (!render) throw new Error(`unknown contender ${contenderId}`)
  commits = 0
  latest = ''
  done = false
  const container = window.document.createElement('div')
  window.document.body.appendChild(container)
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  // happy-dom's elements are structurally DOM elements; React only needs their DOM methods.
  const root = createRoot(container as unknown as Element)
  root.render(render())
  const deadline = started + seconds * 1000 + 10_000
  while (!(done && latest.length === expected.length) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  const elapsedMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  sendToParent({
    type: 'result',
    contender: contenderId,
    commits,
    elapsedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    textOk: latest === expected,
    finished: done,
    textLength: latest.length,
    expectedLength: expected.length,
  })
  root.unmount()
  container.remove()
}

for (const contenderId of contenderList.split(',')) {
  for (let run = 0; run < Number(runsArg); run++) await measure(contenderId)
}
await window.happyDOM.abort()
process.exit(0)
