import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/security/headers';

const nextConfig: NextConfig = {
  // The Docker image runs the standalone server; `npm run build` copies static files into it.
  output: 'standalone',
  // forbidden() renders app/forbidden.tsx with a real 403 (the admin page).
  experimental: { authInterrupts: true },
  // Server-only packages with native or CJS internals stay out of the bundle.
  serverExternalPackages: ['bullmq', 'ioredis', 'pino', 'postgres', 'twitter-api-v2'],
  poweredByHeader: false,
  // The media upload usually bypasses proxy.ts (see its matcher), so its answers get their
  // headers here. A JSON answer needs no scripts, styles or images: nothing is allowed.
  async headers() {
    return [
      {
        source: '/api/v1/media',
        headers: [
          ...Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

export default nextConfig;
