import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SandboxBanner } from '@/components/sandbox-banner';
import { config } from '@/lib/config';
import './globals.css';

// Every page depends on the session or the configuration: nothing is prerendered at build time.
export const dynamic = 'force-dynamic';

const description = 'Schedule posts to X';
/** public/social.png: what a chat app shows when someone shares a link to Herald. */
const socialImage = { url: '/social.png', width: 1200, height: 630, alt: 'Herald: schedule posts to X' };

/**
 * Read per request: link previews need absolute URLs, from AUTH_URL, which is not known at build
 * time. A private dashboard: search engines are asked to keep out (robots.txt says so as well).
 */
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(config().authUrl),
    title: 'Herald',
    description,
    robots: { index: false, follow: false },
    openGraph: { title: 'Herald', description, siteName: 'Herald', type: 'website', images: [socialImage] },
    twitter: { card: 'summary_large_image', title: 'Herald', description, images: [socialImage] },
    // Installable as an app (PWA): public/manifest.webmanifest and the icons scripts/make-icons.ts draws.
    manifest: '/manifest.webmanifest',
    icons: { apple: [{ url: '/icons/apple-touch-icon.png', sizes: '180x180' }] },
    appleWebApp: { capable: true, title: 'Herald', statusBarStyle: 'default' },
  };
}

/** The browser's and the installed app's title bar follow the system's scheme, like the pages (app/globals.css). */
export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
  colorScheme: 'light dark',
};

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
