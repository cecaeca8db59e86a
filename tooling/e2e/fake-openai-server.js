// An OpenAI-compatible chat completions server for e2e tests, on 127.0.0.1 only: it speaks the real wire format
// (`POST /v1/chat/completions`, SSE `data: {chunk}` lines ending with `data: [DONE]`), so an app under test
// uses the real `@ai-sdk/openai` client over real HTTP. Deterministic answers, paced tokens, and counters of
// completed and aborted streams (GET /__stats) so a test can prove that Stop reached the upstream request.
//
// Run it: node fake-openai-server.js --port 4010 [--api-key sk-test] [--token-delay-ms 40]
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

/** The API key the fake server accepts unless told otherwise. */
export const FAKE_OPENAI_API_KEY = 'sk-e2e-fake-openai-key'

/**
 * The answer the fake server streams for a conversation whose last user message is `question`.
 * @param {string} question
 */
export function fakeOpenAIAnswer(question) {
  const quoted = question.length > 60 ? `${question.slice(0, 57)}...` : question
  return `Hello from the fake OpenAI server. You said: "${quoted}". This reply travelled over real HTTP as chat completion chunks, one small piece at a time, so the browser can show each piece as soon as it lands.`
}

/** @param {string} text */
function tokenize(text) {
  return text.match(/\s*\S+/g) ?? []
}

/**
 * @param {unknown} body
 * @returns {string}
 */
function lastUserMessage(body) {
  if (typeof body !== 'object' || body === null || !('messages' in body) || !Array.isArray(body.messages)) {
    return ''
  }
  for (let index = body.messages.length - 1; index >= 0; index--) {
    const message = body.messages[index]
    if (message?.role !== 'user') continue
    if (typeof message.content === 'string') return message.content
    if (Array.isArray(message.content)) {
      return message.content.map((/** @type {{ text?: unknown }} */ part) => String(part.text ?? '')).join('')
    }
  }
  return ''
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Starts the server. Resolves once it listens.
 * @param {{ port?: number, apiKey?: string, tokenDelayMs?: number }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function startFakeOpenAIServer({ port = 0, apiKey = FAKE_OPENAI_API_KEY, tokenDelayMs = 40 } = {}) {
  const stats = {
    requests: 0,
    unauthorized: 0,
    streamsStarted: 0,
    streamsCompleted: 0,
    streamsAborted: 0,
    /** @type {{ model: unknown, stream: unknown, lastUserMessage: string } | null} */
    lastRequest: null,
  }
  let sequence = 0

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'GET' && url.pathname === '/health') return sendJson(res, 200, { ok: true })
    if (req.method === 'GET' && url.pathname === '/__stats') return sendJson(res, 200, stats)
    if (url.pathname !== '/v1/chat/completions') {
      return sendJson(res, 404, {
        error: { message: `Unknown path ${url.pathname}`, type: 'invalid_request_error' },
      })
    }
    if (req.method !== 'POST')
      return sendJson(res, 405, { error: { message: 'Use POST', type: 'invalid_request_error' } })

    stats.requests++
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      stats.unauthorized++
      return sendJson(res, 401, {
        error: {
          message: 'Incorrect API key provided.',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      })
    }
    /** @type {Record<string, unknown>} */
    let body
    try {
      body = JSON.parse(await readBody(req))
    } catch {
      return sendJson(res, 400, { error: { message: 'Invalid JSON body', type: 'invalid_request_error' } })
    }
    const question = lastUserMessage(body)
    stats.lastRequest = { model: body.model, stream: body.stream, lastUserMessage: question }
    const model = String(body.model ?? 'fake-model')
    const id = `chatcmpl-fake-${++sequence}`
    const created = Math.floor(Date.now() / 1000)
    const tokens = tokenize(fakeOpenAIAnswer(question))
    const usage = {
      prompt_tokens: tokenize(question).length,
      completion_tokens: tokens.length,
      total_tokens: tokenize(question).length + tokens.length,
    }

    if (body.stream !== true) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          { index: 0, message: { role: 'assistant', content: tokens.join('') }, finish_reason: 'stop' },
        ],
        usage,
      })
    }

    stats.streamsStarted++
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
    /** @param {Record<string, unknown>} delta @param {string | null} finishReason */
    const chunk = (delta, finishReason = null) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finishReason }],
      })}\n\n`

    let finished = false
    /** @type {NodeJS.Timeout | undefined} */
    let timer
    res.on('close', () => {
      clearTimeout(timer)
      if (!finished) stats.streamsAborted++
    })

    res.write(chunk({ role: 'assistant', content: '' }))
    let index = 0
    const next = () => {
      if (res.destroyed) return
      const token = tokens[index++]
      if (token !== undefined) {
        res.write(chunk({ content: token }))
        timer = setTimeout(next, tokenDelayMs)
        return
      }
      res.write(chunk({}, 'stop'))
      const streamOptions = /** @type {{ include_usage?: boolean } | undefined} */ (body.stream_options)
      if (streamOptions?.include_usage) {
        res.write(
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`,
        )
      }
      res.write('data: [DONE]\n\n')
      finished = true
      stats.streamsCompleted++
      res.end()
    }
    timer = setTimeout(next, tokenDelayMs)
  })

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      const actualPort = typeof address === 'object' && address ? address.port : port
      resolve({
        url: `http://127.0.0.1:${actualPort}`,
        port: actualPort,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'api-key': { type: 'string', default: FAKE_OPENAI_API_KEY },
      'token-delay-ms': { type: 'string', default: '40' },
    },
  })
  const server = await startFakeOpenAIServer({
    port: Number(values.port),
    apiKey: values['api-key'],
    tokenDelayMs: Number(values['token-delay-ms']),
  })
  console.log(`[fake-openai] listening on ${server.url}`)
  const stop = () => void server.close().then(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}
