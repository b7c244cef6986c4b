import { NextResponse } from 'next/server';
import { openApiDocument, type JsonSchema } from '@/lib/http/openapi';
import { respond } from '@/lib/http/respond';
import { apiRoutes } from './routes';

// Made on the first request rather than at build time (the route modules read the configuration).
export const dynamic = 'force-dynamic';

let made: Promise<JsonSchema> | undefined;

/** The OpenAPI 3.1 document of /api/v1: public, the same for everyone, and the same until the next deploy. */
export function GET(): Promise<Response> {
  return respond(async () => {
    made ??= apiRoutes()
      .then(openApiDocument)
      .catch((error: unknown) => {
        made = undefined; // the next request tries again
        throw error;
      });
    return NextResponse.json(await made, { headers: { 'Cache-Control': 'public, max-age=3600' } });
  });
}
