import { createServer, type Server } from 'node:http';
import { errorSummary, logger } from '@/lib/log';
import { metricsAnswer } from '@/lib/metrics-endpoint';

/**
 * The worker's own /api/metrics (Prometheus cannot reach a worker through the web app): the same
 * answers as the web app's, bearer METRICS_TOKEN included. Every other path is a 404.
 */
export function startMetricsServer(port: number, host?: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const answer = path === '/api/metrics' && req.method === 'GET' ? metricsAnswer(req.headers.authorization ?? null) : Promise.resolve(null);
    answer
      .then((a) => {
        if (!a) {
          res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'Not found' }));
          return;
        }
        res.writeHead(a.status, a.headers).end(a.body);
      })
      .catch((error: unknown) => {
        logger().error({ event: 'metrics_error', ...errorSummary(error) }, 'could not serve metrics');
        res.writeHead(500).end();
      });
  });
  // A scrape is small and quick: a slow client must not hold a socket for long.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
