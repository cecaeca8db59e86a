import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // /api/chat exports only POST, and Next.js answers other methods with 405 but without the Allow header
  // that HTTP requires on a 405: add it here (it is harmless on the POST responses).
  async headers() {
    return [{ source: '/api/chat', headers: [{ key: 'Allow', value: 'POST' }] }]
  },
}

export default nextConfig
