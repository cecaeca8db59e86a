import type { MDXComponents } from 'mdx/types'
import { createHeading } from '@/components/heading'

const components: MDXComponents = {
  h2: createHeading('h2'),
  h3: createHeading('h3'),
  h4: createHeading('h4'),
}

/** Next's MDX integration calls this for every MDX page: headings get ids so they can be linked. */
export function useMDXComponents(inherited: MDXComponents): MDXComponents {
  return { ...inherited, ...components }
}
