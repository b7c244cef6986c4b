import { readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import '../support/signed-in';
import { apiRoutes } from '@/app/api/v1/openapi.json/routes';
import { inputSchema, type JsonSchema } from '@/lib/http/openapi';
import { createPostInput } from '@/lib/posts/input';

type Operation = JsonSchema & { parameters: JsonSchema[]; responses: Record<string, JsonSchema>; requestBody?: { content: Record<string, { schema: JsonSchema }> } };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, JsonSchema>> };

const API_DIR = path.resolve(import.meta.dirname, '../../app/api/v1');

/** `accounts/[id]/queue/route.ts` → `/accounts/{id}/queue`: every route file under app/api/v1 but the document's own. */
function routeFilesOnDisk(dir = API_DIR, at = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name === 'openapi.json') continue;
      found.push(...routeFilesOnDisk(path.join(dir, entry.name), `${at}/${entry.name.replace(/^\[(.+)\]$/, '{$1}')}`));
    } else if (entry.name === 'route.ts') found.push(at);
  }
  return found.sort();
}

async function served(): Promise<{ response: Response; doc: Document }> {
  const { GET } = await import('@/app/api/v1/openapi.json/route');
  const response = await GET();
  return { response, doc: (await response.json()) as Document };
}

/** Every Schema Object in the document, with its place, `$ref`s to components resolved. */
function schemasOf(doc: Document): { where: string; schema: JsonSchema }[] {
  const found: { where: string; schema: JsonSchema }[] = [];
  const resolve = (schema: JsonSchema): JsonSchema => {
    const target = typeof schema.$ref === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(schema.$ref) : null;
    return target ? doc.components.schemas![target[1]!]! : schema;
  };
  const walk = (node: unknown, where: string) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema' && value && typeof value === 'object') found.push({ where, schema: resolve(value as JsonSchema) });
      else walk(value, `${where}/${key}`);
    }
  };
  walk(doc.paths, '#/paths');
  walk(doc.components.parameters, '#/components/parameters');
  walk(doc.components.headers, '#/components/headers');
  for (const [name, schema] of Object.entries(doc.components.schemas!)) found.push({ where: `#/components/schemas/${name}`, schema });
  return found;
}

describe('the OpenAPI document at /api/v1/openapi.json', () => {
  it('lists every route file under app/api/v1, each built with route() (a new route fails here until listed)', async () => {
    const listed = [...new Set((await apiRoutes()).map((r) => r.path))].sort();
    expect(listed).toEqual(routeFilesOnDisk());
  });

  it('is served publicly (no session, no token) and cacheably, as OpenAPI 3.1 with every operation of every route', async () => {
    const { response, doc } = await served();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/public/);
    expect(doc.openapi).toBe('3.1.0');
    const operations = (await apiRoutes()).map((r) => `${r.method.toLowerCase()} ${r.path}`).sort();
    expect(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort()).toEqual(operations);
    expect(operations).toContain('post /posts/{id}/retry');
    expect(operations).toContain('delete /tokens/{id}');
  });

  it('describes each operation: path and query parameters, bodies, security, the error format, 429 with Retry-After', async () => {
    const { doc } = await served();
    const ids = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths)) {
      const templated = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${p}`;
        expect(ids.has(op.operationId as string), where).toBe(false);
        ids.add(op.operationId as string);
        expect(op.summary, where).toEqual(expect.any(String));
        expect(op.security, where).toEqual(expect.arrayContaining([{ sessionCookie: [] }]));
        const pathParams = op.parameters.filter((x) => x.in === 'path').map((x) => x.name);
        expect(pathParams, where).toEqual(templated);
        expect(op.responses['429'], where).toEqual({ $ref: '#/components/responses/TooManyRequests' });
        expect(op.responses['401'], where).toEqual({ $ref: '#/components/responses/Unauthorized' });
        if (method === 'post') expect(op.parameters, where).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
      }
    }
    expect(doc.components.responses!.TooManyRequests!.headers).toHaveProperty('Retry-After');
    expect(doc.components.schemas!.Error).toMatchObject({ required: ['error'], properties: { error: { type: 'string' }, fields: { type: 'object' } } });
    for (const name of Object.keys(doc.components.responses!)) {
      expect(doc.components.responses![name]!.content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/Error' } } });
    }
    // Scopes: a token may read posts with posts:read; tokens are managed from the session only.
    expect(doc.paths['/posts']!.get!.security).toEqual([{ bearerAuth: ['posts:read'] }, { sessionCookie: [] }]);
    expect(doc.paths['/tokens']!.post!.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths['/posts']!.get!.parameters.map((x) => `${x.in}:${x.name}`)).toEqual(expect.arrayContaining(['query:from', 'query:to', 'query:status']));
    expect(doc.paths['/costs']!.get!.parameters.filter((x) => x.required).map((x) => x.name)).toEqual(['from', 'to']);
    expect(Object.keys(doc.paths['/media']!.post!.requestBody!.content)).toEqual(['multipart/form-data']);
    expect(doc.paths['/posts/{id}']!.delete!.responses).toHaveProperty('204');
  });

  it('shows the very zod schemas that validate requests, and every schema in it compiles as JSON Schema 2020-12', async () => {
    const { doc } = await served();
    const body = doc.paths['/posts']!.post!.requestBody!.content['application/json']!.schema;
    expect(body).toEqual(inputSchema(createPostInput));

    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const schemas = schemasOf(doc);
    expect(schemas.length).toBeGreaterThan(30);
    for (const { where, schema } of schemas) expect(() => ajv.compile(schema), where).not.toThrow();

    // What the schema says agrees with what the route takes: unknown fields are refused in both.
    const check = ajv.compile(body);
    const accountId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(check({ accountId, parts: [{ text: 'hello' }] })).toBe(true);
    expect(check({ accountId, parts: [{ text: 'hello' }], admin: true })).toBe(false);
    expect(createPostInput.safeParse({ accountId, parts: [{ text: 'hello' }], admin: true }).success).toBe(false);
  });
});
