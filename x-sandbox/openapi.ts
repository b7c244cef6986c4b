/**
 * X's OpenAPI subset (x-openapi-subset.json, made by extract-schemas.ts) and request validation
 * against it with ajv. Validation errors are reported the way X reports them: one entry per
 * problem, `{"parameters": {"$.media.media_ids": ["\"123\""]}, "message": "$.media.media_ids:
 * string found, array expected"}`.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import subsetJson from './x-openapi-subset.json' with { type: 'json' };
import type { XParameterError } from './problems';

interface OperationInfo {
  operationId: string | null;
  scopes: string[];
  requestBody: Record<string, string>;
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
}

interface Subset {
  source: { title: string | null; version: string | null };
  components: { schemas: Record<string, unknown> };
  scopes: Record<string, string>;
  operations: Record<string, OperationInfo>;
  parameters: Record<string, { items?: { enum?: string[] } }>;
}

const subset = subsetJson as unknown as Subset;

export const OPENAPI_VERSION = subset.source.version ?? 'unknown';

/** OAuth 2.0 scopes X knows, with their descriptions (users.email is documented in X's OAuth guide). */
export const SCOPES: Record<string, string> = {
  ...subset.scopes,
  'users.email': 'Email from an authenticated user.',
};

/** Scopes an operation needs, e.g. `requiredScopes('POST /2/tweets')`. */
export function requiredScopes(operation: string): string[] {
  const op = subset.operations[operation];
  if (!op) throw new Error(`operation ${operation} not in the OpenAPI subset`);
  return op.scopes;
}

function paramEnum(name: string): string[] {
  return subset.parameters[name]?.items?.enum ?? [];
}

/** Allowed values of a comma-separated field list parameter (`user.fields`, `tweet.fields`, ...). */
export function fieldEnum(name: string): string[] {
  if (name === 'tweet.fields' || name === 'post.fields') {
    return [...new Set([...paramEnum('tweet.fields'), ...paramEnum('post.fields')])].sort();
  }
  return paramEnum(name);
}

/** Allowed values of an operation's query parameter that is an enum list (e.g. `expansions`). */
export function operationParamEnum(operation: string, name: string): string[] {
  const op = subset.operations[operation];
  const p = op?.parameters.find((x) => x.name === name);
  const schema = p?.schema as { items?: { enum?: string[] }; enum?: string[] } | undefined;
  return schema?.items?.enum ?? schema?.enum ?? [];
}

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    verbose: true,
    coerceTypes: coerce,
    validateFormats: true,
  });
  addFormats(ajv);
  // OpenAPI formats ajv-formats does not define.
  ajv.addFormat('binary', true);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: 'x-openapi', components: subset.components });
  return ajv;
}

/** JSON bodies are validated as sent; multipart fields are strings, so they get type coercion. */
const jsonAjv = makeAjv(false);
const formAjv = makeAjv(true);
const cache = new Map<string, ValidateFunction>();

function validator(schemaName: string, form: boolean): ValidateFunction {
  const key = `${form ? 'form' : 'json'}:${schemaName}`;
  let fn = cache.get(key);
  if (!fn) {
    if (!subset.components.schemas[schemaName]) throw new Error(`schema ${schemaName} not in the OpenAPI subset`);
    const ajv = form ? formAjv : jsonAjv;
    fn = ajv.compile({ $ref: `x-openapi#/components/schemas/${schemaName}` });
    cache.set(key, fn);
  }
  return fn;
}

/**
 * Validates `data` against a named schema. Returns X-style errors, or [] when valid.
 * With `form: true`, string values are coerced to the schema's types (multipart fields).
 */
export function validateAgainst(schemaName: string, data: unknown, form = false): XParameterError[] {
  const fn = validator(schemaName, form);
  if (fn(data)) return [];
  return toXErrors(fn.errors ?? []);
}

function jsonPath(instancePath: string, extra?: string): string {
  let out = '$';
  const parts = instancePath === '' ? [] : instancePath.slice(1).split('/');
  if (extra !== undefined) parts.push(extra);
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  }
  return out;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function show(v: unknown): string {
  return v === undefined ? '' : JSON.stringify(v);
}

function describe(e: ErrorObject): { path: string; value: unknown; message: string } {
  const params = e.params as Record<string, unknown>;
  const data: unknown = e.data;
  switch (e.keyword) {
    case 'required': {
      const path = jsonPath(e.instancePath, String(params.missingProperty));
      return { path, value: undefined, message: `${path}: is missing but it is required` };
    }
    case 'additionalProperties': {
      const prop = String(params.additionalProperty);
      const path = jsonPath(e.instancePath, prop);
      const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[prop] : undefined;
      return { path, value, message: `${path}: is not defined in the schema and the schema does not allow additional properties` };
    }
    case 'type': {
      const path = jsonPath(e.instancePath);
      return { path, value: data, message: `${path}: ${typeName(data)} found, ${String(params.type)} expected` };
    }
    case 'pattern': {
      const path = jsonPath(e.instancePath);
      return { path, value: data, message: `${path}: does not match the regex pattern ${String(params.pattern)}` };
    }
    case 'enum': {
      const path = jsonPath(e.instancePath);
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map(String).join(', ') : '';
      return { path, value: data, message: `${path}: does not have a value in the enumeration [${allowed}]` };
    }
    case 'minItems':
    case 'maxItems': {
      const path = jsonPath(e.instancePath);
      const n = Array.isArray(data) ? data.length : 0;
      const word = e.keyword === 'minItems' ? 'at least' : 'at most';
      return { path, value: data, message: `${path}: expected ${word} ${String(params.limit)} items but found ${n}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const path = jsonPath(e.instancePath);
      const word = e.keyword.toLowerCase().includes('min') ? 'minimum' : 'maximum';
      return { path, value: data, message: `${path}: must have a ${word} value of ${String(params.limit)}` };
    }
    case 'minLength':
      return {
        path: jsonPath(e.instancePath),
        value: data,
        message: `${jsonPath(e.instancePath)}: must be at least ${String(params.limit)} characters long`,
      };
    case 'maxLength':
      return {
        path: jsonPath(e.instancePath),
        value: data,
        message: `${jsonPath(e.instancePath)}: must be at most ${String(params.limit)} characters long`,
      };
    case 'format':
      return {
        path: jsonPath(e.instancePath),
        value: data,
        message: `${jsonPath(e.instancePath)}: does not match the ${String(params.format)} pattern`,
      };
    case 'anyOf':
    case 'oneOf':
      return {
        path: jsonPath(e.instancePath),
        value: data,
        message: `${jsonPath(e.instancePath)}: should be valid to ${e.keyword === 'oneOf' ? 'one and only one' : 'any'} of the schemas`,
      };
    default:
      return { path: jsonPath(e.instancePath), value: data, message: `${jsonPath(e.instancePath)}: ${e.message ?? 'is invalid'}` };
  }
}

export function toXErrors(errors: ErrorObject[]): XParameterError[] {
  const out: XParameterError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const d = describe(e);
    if (seen.has(d.message)) continue;
    seen.add(d.message);
    out.push({ parameters: { [d.path]: d.value === undefined ? [] : [show(d.value)] }, message: d.message });
  }
  return out;
}
