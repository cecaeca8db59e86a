/** The demos this app shows, in the order the navigation and the home page list them. */
export const DEMOS = [
  {
    href: '/chat',
    title: 'AI chat',
    route: 'POST /api/chat',
    summary: 'AI SDK streamText over server-sent events. Stop really stops the model; errors show as errors.',
  },
  {
    href: '/job',
    title: 'Long job',
    route: 'GET /api/job',
    summary: 'A progress bar fed by SSE progress events from a long server job.',
  },
  {
    href: '/records',
    title: 'Records',
    route: 'GET /api/records',
    summary:
      'NDJSON rows from a paginated database cursor, rendered as they arrive; the cursor always closes.',
  },
  {
    href: '/inspector',
    title: 'Stream inspector',
    route: 'any endpoint',
    summary: 'Draws when each chunk arrived: time to first byte and the gaps between chunks.',
  },
] as const
