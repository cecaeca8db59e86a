import { describe, expect, it } from 'vitest'
import { extractSearchEntry, headingText, mdxHeadings } from './extract'

const page = { href: '/guide', title: 'Guide', section: 'Concepts' }

const source = [
  "import { Demo } from '@/components/demo'",
  '',
  'export const metadata = {',
  "  title: 'Guide',",
  '}',
  '',
  '# Guide',
  '',
  'Proxies **buffer** responses; see [the headers](/concepts/buffering).',
  'It returns `Promise<Response>` to the caller.',
  '',
  '<Demo route="/api/x" />',
  '',
  '## The `X-Accel-Buffering` header',
  '',
  '```sh',
  '# not a heading',
  'curl -N https://example.com',
  '```',
].join('\n')

describe('extractSearchEntry', () => {
  const entry = extractSearchEntry(source, page)

  it('drops ESM blocks, including multi-line ones', () => {
    expect(entry.text).not.toMatch(/import|metadata|title:/)
  })

  it('drops JSX tags but keeps prose and link text', () => {
    expect(entry.text).not.toContain('<Demo')
    expect(entry.text).toContain('Proxies buffer responses; see the headers.')
  })

  it('keeps angle brackets inside inline code', () => {
    expect(entry.text).toContain('It returns Promise<Response> to the caller.')
  })

  it('keeps the text of code blocks', () => {
    expect(entry.text).toContain('curl -N https://example.com')
  })

  it('lists level-2 to level-4 headings with the ids the page renders', () => {
    expect(entry.headings).toEqual([
      { text: 'The X-Accel-Buffering header', id: 'the-x-accel-buffering-header' },
    ])
  })
})

describe('mdxHeadings', () => {
  it('ignores lines that start with # inside code blocks', () => {
    expect(mdxHeadings(source).map((heading) => heading.text)).toEqual([
      'Guide',
      'The X-Accel-Buffering header',
    ])
  })
})

describe('headingText', () => {
  it('removes inline code marks and keeps underscores of identifiers', () => {
    expect(headingText('`DEFAULT_ERROR_MESSAGE`')).toBe('DEFAULT_ERROR_MESSAGE')
  })
})
