import { metricsAnswer } from '@/lib/metrics-endpoint';

export const dynamic = 'force-dynamic';

/** Prometheus scrapes the web app here (bearer METRICS_TOKEN); the worker serves its own on WORKER_METRICS_PORT. */
export async function GET(request: Request): Promise<Response> {
  const { status, headers, body } = await metricsAnswer(request.headers.get('authorization'));
  return new Response(body, { status, headers });
}
