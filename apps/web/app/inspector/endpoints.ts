/** The endpoints the inspector can call, with the request each needs. */
export const INSPECTOR_ENDPOINTS = [
  { id: 'stream', label: 'GET /api/stream (text, Edge)', url: '/api/stream' },
  { id: 'iterator', label: 'GET /api/iterator (text)', url: '/api/iterator' },
  { id: 'records', label: 'GET /api/records (NDJSON)', url: '/api/records?limit=60' },
  { id: 'job', label: 'GET /api/job (SSE)', url: '/api/job' },
  {
    id: 'chat',
    label: 'POST /api/chat (SSE, AI SDK)',
    url: '/api/chat',
    body: { messages: [{ role: 'user', content: 'hello' }] },
  },
] as const

export type InspectorEndpoint = (typeof INSPECTOR_ENDPOINTS)[number]
