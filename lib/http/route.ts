import { NextResponse } from 'next/server';
import { z } from 'zod';
import { authorize, type Actor, type Requirement } from '../auth/actor';
import { resolveActor } from '../auth/resolve-actor';
import { AppError, invalid, notFound } from '../errors';
import { idempotencyKey } from '../idempotency/keys';
import { limitApi } from '../rate-limit/api';
import { rateLimitHeaders, type Count } from '../rate-limit/window';
import { jsonBodyWithText } from './body';
import { idempotently, sha256, type BodyPrint } from './idempotent';
import { respond } from './respond';

/** A route's path parameters and the thing they name: a path that fails the schema names nothing, a 404. */
export interface PathParams<S extends z.ZodType> {
  schema: S;
  missing: string;
}

const idPath = z.strictObject({ id: z.uuid() });

/** `[id]` routes: an id that is not a uuid names no such thing (`Post not found`), not a bad request. */
export const byId = (missing: string): PathParams<typeof idPath> => ({ schema: idPath, missing });

/** What a handler answers; the wrapper writes it as JSON (or an empty 204). */
export type Reply = { status: 200 | 201; body: unknown } | { status: 204 };
export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });

/** What a route that declares no params or no query gets: nothing, and any query field is unknown. */
const nothing = z.strictObject({});

export interface RouteInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  actor: Actor;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  request: Request;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  /** One line for the OpenAPI document (/api/v1/openapi.json); `description` says more. */
  summary?: string;
  description?: string;
  /** The answer when all goes well (200 unless said), for the OpenAPI document. */
  success?: { status: 200 | 201 | 204; description: string; contentType?: string };
  /** What the caller must be allowed: a scope (a session has them all), the session itself, or admin. */
  auth: Requirement;
  params?: PathParams<P>;
  /** A strict object: a query field it does not name is a 400. Without it, any query field is. */
  query?: Q;
  /** Read as capped JSON (415, 413, 400) and parsed; without it the body is not read. */
  body?: B;
  /** A body the handler reads from the request itself (an upload): its media type and largest size. */
  rawBody?: { contentType: string; description: string; maxBytes: number; schema?: Record<string, unknown> };
  /** A Response passes through as it is (files). */
  handle: (input: RouteInput<P, Q, B>) => Promise<Reply | Response>;
}

/** How Next calls a route handler; params are parsed here, so their shape is not trusted. */
export type RouteHandler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

/** A route's spec as the OpenAPI document reads it: the very schemas that validate requests. */
export type AnyRouteSpec = Pick<RouteSpec<z.ZodType, z.ZodType, z.ZodType>, 'summary' | 'description' | 'success' | 'auth' | 'params' | 'query' | 'body' | 'rawBody'>;

/** What route() makes: a handler for Next that keeps its spec. */
export type ApiHandler = RouteHandler & { readonly spec: AnyRouteSpec };

/**
 * Every /api/v1 handler: finds the actor (401 for nobody), counts the request against its rate
 * limits (429), checks the route's requirement (403), parses params, query and body with zod,
 * runs a POST with an Idempotency-Key at most once per key, and answers errors in the one format.
 */
export function route<P extends z.ZodType = typeof nothing, Q extends z.ZodType = typeof nothing, B extends z.ZodType = z.ZodUndefined>(
  spec: RouteSpec<P, Q, B>,
): ApiHandler {
  const handler: RouteHandler = async (request, context) => {
    let limits: Count | null = null;
    const response = await respond(async () => {
      const actor = await resolveActor(request);
      if (!actor) throw new AppError(401, 'Sign in first');
      limits = await limitApi(actor);
      await authorize(actor, spec.auth);
      const params = spec.params ? await pathParams(spec.params, await context.params) : {};
      const query = await parse(spec.query ?? nothing, queryFields(request));
      const key = request.method === 'POST' ? idempotencyKey(request) : null;
      const read = spec.body ? await jsonBodyWithText(request) : undefined;
      const body = spec.body ? await parse(spec.body, read!.value) : undefined;
      const run = async (request: Request) => {
        // The defaults above stand for the schemas a spec leaves out, which TypeScript cannot tie to P, Q, B.
        const reply = await spec.handle({ actor, params, query, body, request } as RouteInput<P, Q, B>);
        return reply instanceof Response ? reply : written(reply);
      };
      if (key === null) return run(request);
      const print: BodyPrint = spec.rawBody ? { streamed: { maxBytes: spec.rawBody.maxBytes } } : { hash: sha256(read?.text ?? '') };
      return idempotently(request, { userId: actor.userId, key, request: `POST ${new URL(request.url).pathname}` }, print, run);
    });
    return limits ? withHeaders(response, rateLimitHeaders(limits)) : response;
  };
  // The spec as written, for the API document (handle included: only its schemas are read).
  return Object.assign(handler, { spec: spec as AnyRouteSpec });
}

/** Adds headers to an answer; one whose headers cannot change (a redirect) goes as it is. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
  } catch {
    // Immutable headers: the limits are still counted, just not announced.
  }
  return response;
}

async function parse<S extends z.ZodType>(schema: S, value: unknown): Promise<z.output<S>> {
  const result = await schema.safeParseAsync(value);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

async function pathParams<S extends z.ZodType>(params: PathParams<S>, value: unknown): Promise<z.output<S>> {
  const result = await params.schema.safeParseAsync(value);
  if (!result.success) throw notFound(params.missing);
  return result.data;
}

/** The query string as an object of strings; a field given twice is refused rather than one copy silently dropped. */
function queryFields(request: Request): Record<string, string> {
  const fields = new Map<string, string>();
  for (const [key, value] of new URL(request.url).searchParams) {
    if (fields.has(key)) throw new AppError(400, 'Invalid input', { [key]: ['Give this query field once'] });
    fields.set(key, value);
  }
  return Object.fromEntries(fields);
}

function written(reply: Reply): Response {
  if (reply.status === 204) return new Response(null, { status: 204 });
  return NextResponse.json(reply.body, { status: reply.status });
}
