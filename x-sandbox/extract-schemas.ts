/**
 * Extracts the part of X's OpenAPI description that the sandbox needs into
 * `x-sandbox/x-openapi-subset.json` (committed), so the server does not read
 * ../shared at run time and bundles into one file.
 *
 *   npx tsx x-sandbox/extract-schemas.ts [path/to/openapi.json]
 *
 * Source path: argv[2], else env X_OPENAPI_PATH, else ../shared/x-api/openapi.json
 * relative to the current directory.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The operations the sandbox implements, as `METHOD path` in X's OpenAPI spelling. */
export const OPERATIONS = [
  'POST /2/tweets',
  'DELETE /2/tweets/{id}',
  'GET /2/users/me',
  'GET /2/users/{id}/tweets',
  'POST /2/media/upload',
  'GET /2/media/upload',
  'POST /2/media/upload/initialize',
  'POST /2/media/upload/{id}/append',
  'POST /2/media/upload/{id}/finalize',
  'POST /2/media/metadata',
] as const;

/** Schemas the server validates with or builds responses from (their $refs are pulled in too). */
const ROOT_SCHEMAS = [
  'CreatePostsRequest',
  'CreatePostsResponse',
  'MediaUploadRequest',
  'MediaUploadResponse',
  'InitializeMediaUploadRequest',
  'InitializeMediaUploadResponse',
  'AppendMediaUploadRequest',
  'AppendMediaUploadResponse',
  'FinalizeMediaUploadResponse',
  'GetMediaUploadStatusResponse',
  'CreateMediaMetadataRequest',
  'CreateMediaMetadataResponse',
  'DeletePostsResponse',
  'Problem',
  'Error',
];

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collectRefs(node: Json, schemas: JsonObject, acc: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, schemas, acc);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
      const name = value.slice('#/components/schemas/'.length);
      if (!acc.has(name)) {
        const target = schemas[name];
        if (target === undefined) throw new Error(`dangling $ref ${value}`);
        acc.add(name);
        collectRefs(target, schemas, acc);
      }
    } else {
      collectRefs(value, schemas, acc);
    }
  }
}

function resolveParameter(param: Json, doc: JsonObject): JsonObject {
  if (isObject(param) && typeof param.$ref === 'string') {
    const name = param.$ref.split('/').pop() ?? '';
    const components = doc.components;
    const params = isObject(components) ? components.parameters : undefined;
    const target = isObject(params) ? params[name] : undefined;
    if (!isObject(target)) throw new Error(`dangling parameter $ref ${param.$ref}`);
    return target;
  }
  if (!isObject(param)) throw new Error('parameter is not an object');
  return param;
}

export function extractSubset(doc: JsonObject): JsonObject {
  const components = doc.components;
  if (!isObject(components) || !isObject(components.schemas)) throw new Error('no components.schemas');
  const schemas = components.schemas;
  const paths = doc.paths;
  if (!isObject(paths)) throw new Error('no paths');

  const wanted = new Set<string>(ROOT_SCHEMAS);
  for (const name of ROOT_SCHEMAS) {
    const s = schemas[name];
    if (s === undefined) throw new Error(`schema ${name} not found`);
    collectRefs(s, schemas, wanted);
  }

  const operations: JsonObject = {};
  const parameterSchemas: JsonObject = {};
  for (const op of OPERATIONS) {
    const [method, p] = op.split(' ') as [string, string];
    const pathItem = paths[p];
    const operation = isObject(pathItem) ? pathItem[method.toLowerCase()] : undefined;
    if (!isObject(operation)) throw new Error(`operation ${op} not found`);
    const scopes: string[] = [];
    const security = operation.security;
    if (Array.isArray(security)) {
      for (const req of security) {
        if (isObject(req) && Array.isArray(req.OAuth2UserToken)) {
          for (const s of req.OAuth2UserToken) if (typeof s === 'string') scopes.push(s);
        }
      }
    }
    const requestBodies: JsonObject = {};
    const rb = operation.requestBody;
    if (isObject(rb) && isObject(rb.content)) {
      for (const [ct, media] of Object.entries(rb.content)) {
        if (isObject(media) && isObject(media.schema) && typeof media.schema.$ref === 'string') {
          requestBodies[ct] = media.schema.$ref.split('/').pop() ?? '';
        }
      }
    }
    const params: Json[] = [];
    if (Array.isArray(operation.parameters)) {
      for (const raw of operation.parameters) {
        const prm = resolveParameter(raw, doc);
        const entry: JsonObject = {
          name: prm.name ?? null,
          in: prm.in ?? null,
          required: prm.required ?? false,
          schema: prm.schema ?? null,
        };
        if (prm.schema !== undefined) collectRefs(prm.schema, schemas, wanted);
        params.push(entry);
        if (typeof prm.name === 'string' && prm.name.includes('.') && prm.schema !== undefined) {
          parameterSchemas[prm.name] = prm.schema;
        }
      }
    }
    operations[op] = {
      operationId: operation.operationId ?? null,
      scopes,
      requestBody: requestBodies,
      parameters: params,
    };
  }

  const scopes: JsonObject = {};
  const schemes = components.securitySchemes;
  const oauth = isObject(schemes) ? schemes.OAuth2UserToken : undefined;
  const flows = isObject(oauth) ? oauth.flows : undefined;
  const code = isObject(flows) ? flows.authorizationCode : undefined;
  if (isObject(code) && isObject(code.scopes)) Object.assign(scopes, code.scopes);

  // `tweet.fields` is spelled that way in most of the document (and by X's live API), while the
  // timeline operation lists `post.fields`; keep both enums so the server can accept either.
  for (const pathItem of Object.values(paths)) {
    if (!isObject(pathItem)) continue;
    for (const operation of Object.values(pathItem)) {
      if (!isObject(operation) || !Array.isArray(operation.parameters)) continue;
      for (const raw of operation.parameters) {
        const prm = resolveParameter(raw, doc);
        if (prm.name === 'tweet.fields' && parameterSchemas['tweet.fields'] === undefined && prm.schema !== undefined) {
          parameterSchemas['tweet.fields'] = prm.schema;
        }
      }
    }
  }

  const info = isObject(doc.info) ? doc.info : {};
  const sorted: JsonObject = {};
  for (const name of [...wanted].sort()) sorted[name] = schemas[name] ?? null;
  return {
    source: {
      title: info.title ?? null,
      version: info.version ?? null,
      file: 'shared/x-api/openapi.json',
      note: 'Generated by x-sandbox/extract-schemas.ts; do not edit by hand.',
    },
    components: { schemas: sorted },
    scopes,
    operations,
    parameters: parameterSchemas,
  };
}

function main(): void {
  const src = process.argv[2] ?? process.env.X_OPENAPI_PATH ?? path.resolve(process.cwd(), '../shared/x-api/openapi.json');
  let text: string;
  try {
    text = readFileSync(src, 'utf8');
  } catch {
    console.error(`extract-schemas: cannot read X's OpenAPI document at ${src} (pass a path or set X_OPENAPI_PATH)`);
    process.exit(1);
  }
  const doc = JSON.parse(text) as Json;
  if (!isObject(doc)) throw new Error('OpenAPI document is not an object');
  const subset = extractSubset(doc);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = path.join(here, 'x-openapi-subset.json');
  writeFileSync(out, JSON.stringify(subset, null, 2) + '\n');
  const count = Object.keys((subset.components as { schemas: JsonObject }).schemas).length;
  console.log(`wrote ${out}: ${count} schemas, ${Object.keys(subset.operations as JsonObject).length} operations`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
