import { z } from 'zod';
import type { Requirement } from '../auth/actor';
import type { AnyRouteSpec, ApiHandler } from './route';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = Record<string, unknown>;

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One operation of the API: its path under /api/v1 in OpenAPI's form (`/posts/{id}`), method and handler. */
export interface DocumentedRoute {
  path: string;
  method: HttpMethod;
  handler: ApiHandler;
}

/** A route module as Next loads it: its handlers, one per method. */
export type RouteModule = Partial<Record<HttpMethod, ApiHandler>>;

/** Every operation of the route modules given, by path: what the document lists. */
export async function documentedRoutes(modules: readonly (readonly [path: string, module: Promise<RouteModule>])[]): Promise<DocumentedRoute[]> {
  const routes: DocumentedRoute[] = [];
  for (const [path, module] of modules) {
    const loaded = await module;
    for (const method of HTTP_METHODS) {
      const handler = loaded[method];
      if (!handler) continue;
      if (!handler.spec) throw new Error(`${method} ${path} is not built with route(), so the API document cannot describe it`);
      routes.push({ path, method, handler });
    }
  }
  return routes;
}

/**
 * The JSON Schema of what a zod schema accepts (`io: 'input'`: before transforms, defaults
 * optional). Refinements have no JSON Schema form and are left out (the server still checks
 * them); so is anything unrepresentable (`{}`, any value), rather than failing the document.
 */
export function inputSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  // The document names the dialect once (jsonSchemaDialect).
  delete json.$schema;
  // A `$ref` to `#/$defs/…` would resolve against the whole document, not this schema.
  if ('$defs' in json) throw new Error('A request schema with shared or recursive parts ($defs) needs components in the API document');
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

function security(auth: Requirement): Record<string, string[]>[] {
  if (auth === 'session' || auth === 'admin') return [{ sessionCookie: [] }];
  return [{ bearerAuth: [auth] }, { sessionCookie: [] }];
}

function who(auth: Requirement): string {
  if (auth === 'admin') return 'An admin, signed in through the browser.';
  if (auth === 'session') return 'The browser session only: an API token cannot do this.';
  return `An API token with the scope \`${auth}\`, or the browser session.`;
}

function parameters(spec: AnyRouteSpec, method: HttpMethod): JsonSchema[] {
  const list: JsonSchema[] = [];
  const fields = (schema: z.ZodType, where: 'path' | 'query') => {
    const json = inputSchema(schema);
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((json.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      list.push({ name, in: where, required: where === 'path' || required.has(name), schema: property });
    }
  };
  if (spec.params) fields(spec.params.schema, 'path');
  if (spec.query) fields(spec.query, 'query');
  if (method === 'POST') list.push({ $ref: '#/components/parameters/IdempotencyKey' });
  return list;
}

function requestBody(spec: AnyRouteSpec): JsonSchema | undefined {
  if (spec.body) return { required: true, content: { 'application/json': { schema: inputSchema(spec.body) } } };
  if (spec.rawBody) {
    return { required: true, description: spec.rawBody.description, content: { [spec.rawBody.contentType]: { schema: spec.rawBody.schema ?? {} } } };
  }
  return undefined;
}

function responses(spec: AnyRouteSpec, method: HttpMethod): JsonSchema {
  const success = spec.success ?? { status: 200, description: 'Done' };
  const content = success.status === 204 ? {} : { content: { [success.contentType ?? 'application/json']: { schema: success.contentType ? {} : { type: 'object' } } } };
  return {
    [success.status]: { description: success.description, headers: rateLimitHeaderRefs, ...content },
    400: ref('BadRequest'),
    401: ref('Unauthorized'),
    403: ref('Forbidden'),
    ...(spec.params ? { 404: ref('NotFound') } : {}),
    ...(method === 'POST' ? { 409: ref('Conflict'), 422: ref('Unprocessable') } : {}),
    ...(spec.body ? { 413: ref('TooLarge'), 415: ref('UnsupportedMediaType') } : {}),
    429: ref('TooManyRequests'),
    default: ref('Error'),
  };
}

const operationId = (method: HttpMethod, path: string) =>
  [method.toLowerCase(), ...path.split('/').filter(Boolean).map((s) => s.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()))].join('_');

const errorSchema: JsonSchema = {
  type: 'object',
  description: 'Every error has this shape: a sentence for people, and for invalid input the messages of each field (`_` for the body as a whole).',
  properties: {
    error: { type: 'string' },
    fields: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
  required: ['error'],
  additionalProperties: false,
};

const seconds = (description: string) => ({ description, schema: { type: 'integer', minimum: 0 } });
const rateLimitHeaderRefs = {
  'RateLimit-Limit': { $ref: '#/components/headers/RateLimit-Limit' },
  'RateLimit-Remaining': { $ref: '#/components/headers/RateLimit-Remaining' },
  'RateLimit-Reset': { $ref: '#/components/headers/RateLimit-Reset' },
};

function errorResponse(description: string, headers?: JsonSchema): JsonSchema {
  return { description, ...(headers ? { headers } : {}), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

const components = {
  schemas: { Error: errorSchema },
  securitySchemes: {
    bearerAuth: { type: 'http', scheme: 'bearer', description: 'A personal API token (`hrd_…`), made in Settings → API tokens. Its scopes are listed per operation.' },
    sessionCookie: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token', description: 'The browser session of a signed-in user (`__Secure-authjs.session-token` under https).' },
  },
  parameters: {
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Makes the POST safe to send again: the same key with the same body within 24 hours gets the first answer again (with `Idempotent-Replayed: true`) and creates nothing; the same key with another body or path is a 422; while the first request runs, a 409. Only successful answers are kept.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7e]+$' },
    },
  },
  headers: {
    'Retry-After': seconds('Seconds to wait before sending again.'),
    'RateLimit-Limit': seconds('Requests allowed in the current minute.'),
    'RateLimit-Remaining': seconds('Requests left in the current minute.'),
    'RateLimit-Reset': seconds('Seconds until the current minute starts over.'),
  },
  responses: {
    BadRequest: errorResponse('Invalid input: a bad field (named in `fields`), an unknown field, or a bad Idempotency-Key'),
    Unauthorized: errorResponse('No session and no API token, or an unknown or revoked token'),
    Forbidden: errorResponse('The token lacks the scope, or the operation is for the browser session or admins only'),
    NotFound: errorResponse('No such thing among yours'),
    Conflict: errorResponse('The thing is not in a state that allows this, or a request with this Idempotency-Key is still running'),
    Unprocessable: errorResponse('This Idempotency-Key was used with another request'),
    TooLarge: errorResponse('The body is larger than the server reads'),
    UnsupportedMediaType: errorResponse('The body is not sent as application/json'),
    TooManyRequests: errorResponse('Over the rate limit (per API token, and per user): wait Retry-After seconds', {
      'Retry-After': { $ref: '#/components/headers/Retry-After' },
      ...rateLimitHeaderRefs,
    }),
    Error: errorResponse('Any other error, in the same format'),
  },
};

/** The OpenAPI 3.1 document of /api/v1, made from the routes' own specs and zod schemas. */
export function openApiDocument(routes: readonly DocumentedRoute[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const { path, method, handler } of routes) {
    const spec = handler.spec;
    const body = requestBody(spec);
    (paths[path] ??= {})[method.toLowerCase()] = {
      operationId: operationId(method, path),
      summary: spec.summary ?? `${method} ${path}`,
      description: [spec.description, who(spec.auth)].filter(Boolean).join('\n\n'),
      security: security(spec.auth),
      parameters: parameters(spec, method),
      ...(body ? { requestBody: body } : {}),
      responses: responses(spec, method),
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Herald API',
      version: '1',
      description:
        'Schedule posts to X. Every error is `{ "error": string, "fields"?: { [field]: string[] } }`. Requests are rate limited per API token and per user (429 with Retry-After). Every POST takes an Idempotency-Key.',
    },
    servers: [{ url: '/api/v1' }],
    paths,
    components,
  };
}
