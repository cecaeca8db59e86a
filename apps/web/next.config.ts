import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The chat routes export one method each, and Next.js answers other methods with 405 but without the Allow
  // header that HTTP requires on a 405: add it here (it is harmless on the successful responses).
  async headers() {
    return [
      { source: '/api/chat', headers: [{ key: 'Allow', value: 'POST' }] },
      { source: '/api/chat/:id', headers: [{ key: 'Allow', value: 'GET' }] },
      { source: '/api/chat/:id/stop', headers: [{ key: 'Allow', value: 'POST' }] },
    ]
  },
}

export default nextConfig
