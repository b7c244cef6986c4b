import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SandboxBanner } from '@/components/sandbox-banner';
import { config } from '@/lib/config';
import './globals.css';

// Every page depends on the session or the configuration: nothing is prerendered at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Herald', description: 'Schedule posts to X' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <SandboxBanner sandboxUrl={config().x.sandbox ? config().x.apiUrl : null} />
        {children}
      </body>
    </html>
  );
}
