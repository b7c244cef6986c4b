/**
 * Draws the PWA icons in public/icons/ from app/icon.svg with the Chromium the end-to-end tests
 * use (no image library, no network): `npx tsx scripts/make-icons.ts`. Run it again when the
 * logo changes; the PNGs are committed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const svg = readFileSync(path.join('app', 'icon.svg'), 'utf8');
const [, background] = /<rect[^>]*fill="([^"]+)"/.exec(svg) ?? [];
if (!background) throw new Error('app/icon.svg: no <rect fill> to take the background from');

interface Icon {
  file: string;
  size: number;
  /** Full-bleed square, logo shrunk into the middle: maskable icons are cropped to a circle or squircle of 80%. */
  fullBleed: boolean;
}

const icons: Icon[] = [
  { file: 'icon-192.png', size: 192, fullBleed: false },
  { file: 'icon-512.png', size: 512, fullBleed: false },
  { file: 'icon-maskable-512.png', size: 512, fullBleed: true },
  // iOS rounds the corners itself and shows transparency as black.
  { file: 'apple-touch-icon.png', size: 180, fullBleed: true },
];

function html({ size, fullBleed }: Icon): string {
  const logo = fullBleed ? `<div style="width:${size * 0.7}px;height:${size * 0.7}px">${svg}</div>` : svg;
  return `<!doctype html><html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${fullBleed ? background : 'transparent'}">
    <style>svg{width:100%;height:100%;display:block}</style>${logo}</body></html>`;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    await page.setContent(html(icon));
    await page.screenshot({ path: path.join('public', 'icons', icon.file), omitBackground: !icon.fullBleed });
    await page.close();
    console.log(`public/icons/${icon.file} (${icon.size}×${icon.size})`);
  }
} finally {
  await browser.close();
}
