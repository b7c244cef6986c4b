import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The Docker image runs the standalone server; `npm run build` copies static files into it.
  output: 'standalone',
  // forbidden() renders app/forbidden.tsx with a real 403 (the admin page).
  experimental: { authInterrupts: true },
  // Server-only packages with native or CJS internals stay out of the bundle.
  serverExternalPackages: ['bullmq', 'ioredis', 'pino', 'postgres', 'twitter-api-v2'],
  poweredByHeader: false,
};

export default nextConfig;
