/** One page of the site: its route and the title its `# heading` and sidebar show. */
export interface NavPage {
  href: string
  title: string
}

export interface NavSection {
  title: string
  pages: NavPage[]
}

/**
 * The sidebar, in reading order. Each entry is an `app/<href>/page.mdx` file; lib/nav.test.ts fails when
 * a page file is missing from this list, an entry has no page, or a title differs from the page's heading.
 */
export const navigation: NavSection[] = [
  {
    title: 'Start here',
    pages: [
      { href: '/', title: 'Introduction' },
      { href: '/getting-started', title: 'Getting started' },
      { href: '/examples', title: 'Live examples' },
      { href: '/performance', title: 'Performance' },
    ],
  },
  {
    title: 'Concepts',
    pages: [
      { href: '/concepts/backpressure', title: 'Pull vs push and backpressure' },
      { href: '/concepts/cancellation', title: 'Cancellation and cleanup' },
      { href: '/concepts/resumability', title: 'Resumability' },
      { href: '/concepts/wire-formats', title: 'Wire formats: text, NDJSON, SSE' },
      { href: '/concepts/errors', title: 'Error frames and masking' },
      { href: '/concepts/buffering', title: 'Buffering by proxies, CDNs and compression' },
      { href: '/concepts/runtimes', title: 'Edge and Node runtimes' },
    ],
  },
  {
    title: 'API reference',
    pages: [
      { href: '/reference/source', title: 'Sources and toReadableStream' },
      { href: '/reference/response', title: 'streamResponse' },
      { href: '/reference/formats', title: 'Wire format encoders and decoders' },
      { href: '/reference/errors', title: 'Errors' },
      { href: '/reference/client', title: 'Stream client' },
      { href: '/reference/ai', title: 'AI SDK adapter' },
      { href: '/reference/resume', title: 'Resumable streams' },
      { href: '/reference/react', title: 'React hooks' },
    ],
  },
  {
    title: 'Recipes',
    pages: [
      { href: '/recipes/ai-chat', title: 'AI SDK chat' },
      { href: '/recipes/db-cursor', title: 'Database cursor to NDJSON' },
      { href: '/recipes/file-read', title: 'Streaming a file' },
      { href: '/recipes/job-progress', title: 'Long job with progress over SSE' },
      { href: '/recipes/sse-reconnect', title: 'SSE with reconnect and Last-Event-ID' },
      { href: '/recipes/resumable-chat', title: 'Resumable AI chat' },
      { href: '/recipes/edge-runtime', title: 'Edge runtime' },
    ],
  },
]

/** Every page in reading order. */
export const allPages: NavPage[] = navigation.flatMap((section) => section.pages)

/** The pages before and after `href` in reading order, for the pager at the foot of each page. */
export function neighbours(href: string): { previous?: NavPage; next?: NavPage } {
  const index = allPages.findIndex((page) => page.href === href)
  if (index === -1) return {}
  return { previous: allPages[index - 1], next: allPages[index + 1] }
}

/** The MDX file of a route, relative to the app folder root (apps/docs). */
export function pageFile(href: string): string {
  return href === '/' ? 'app/page.mdx' : `app${href}/page.mdx`
}
