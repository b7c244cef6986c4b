/** A route handler as Next calls it. */
export type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

export interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: string; fields?: Record<string, string[]> };
}

/** Calls a route handler as Next would; `token` sends `Authorization: Bearer <token>` (or a `Basic …` header as given). */
export async function callRoute(
  handler: Handler,
  method: string,
  url: string,
  { token, body, params = {} }: { token?: string; body?: unknown; params?: Record<string, string> } = {},
): Promise<Answer> {
  const headers = new Headers();
  if (token !== undefined) headers.set('authorization', token.startsWith('Basic') ? token : `Bearer ${token}`);
  if (body !== undefined) headers.set('content-type', 'application/json');
  const response = await handler(new Request(`http://localhost${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}
