import createMDX from '@next/mdx'
import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Each docs page is an `app/**/page.mdx` file next to the TSX routes.
  pageExtensions: ['ts', 'tsx', 'mdx'],
}

// Plugins are named by string so the options stay serializable for Turbopack (the default bundler in
// Next 16). GFM is the only one, for tables; heading anchors come from mdx-components.tsx.
const withMDX = createMDX({ extension: /\.mdx$/, options: { remarkPlugins: ['remark-gfm'] } })

export default withMDX(nextConfig)
