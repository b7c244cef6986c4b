import { NextResponse } from 'next/server';
import { health } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** 200 when everything Herald needs answers; 503 naming what does not. */
export async function GET() {
  const report = await health();
  const failing = Object.entries(report.checks)
    .filter(([, c]) => !c.ok)
    .map(([name]) => name);
  return NextResponse.json(
    { status: report.ok ? 'ok' : 'unavailable', ...(failing.length ? { failing } : {}), checks: report.checks },
    { status: report.ok ? 200 : 503 },
  );
}
