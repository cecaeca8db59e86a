import { type EncodeFormat, encodeContenders } from './encode-contenders'
import { sendToParent } from './shared/child-process'
import { serveWebHandler } from './shared/http-server'

// Child process of group 1: serves the contenders over HTTP on 127.0.0.1,
// `GET /?contender=pull&format=sse&count=1000000`.
const server = await serveWebHandler((request) => {
  const params = new URL(request.url).searchParams
  const contender = encodeContenders.find((candidate) => candidate.id === params.get('contender'))
  if (!contender) return new Response('unknown contender', { status: 404 })
  const format = params.get('format') as EncodeFormat
  const count = Number(params.get('count'))
  return contender.respond(format, count, request.signal)
})
sendToParent({ type: 'ready', url: server.url })
