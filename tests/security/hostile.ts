/**
 * The fuzz test's raw material: a seeded random source, and values and bodies a hostile or careless
 * client sends. Everything here is chosen by the seed alone, so a seed replays the same requests.
 */

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof randomSource>;

export const MIB = 1024 * 1024;

/** Deeper values go as raw text (rawBody): JSON.stringify itself overflows the stack past a few thousand levels. */
const nested = (depth: number, leaf: unknown, asObject: boolean): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
};

/** Strings that break naive code: dates, numbers as text, Unicode's corners, markup, paths. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  'NaN',
  'Infinity',
  '-Infinity',
  'null',
  'undefined',
  'true',
  '-1',
  '1e309',
  '0x10',
  // Dates that are not, or are at the edges.
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '0000-00-00T00:00:00Z',
  '2026-12-07T25:61:61Z',
  '2026-12-07T10:00:00',
  '2026-12-07T10:00:00+99:99',
  '2026-12-07',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '٢٠٢٦-١٢-٠٧T10:00:00Z',
  'tomorrow',
  // Unicode: lone surrogates, direction overrides, invisible characters, joined emoji, NUL.
  '\uD800',
  '\uDC00 tail',
  'a\uD83Dz',
  '\u202Egnp.exe',
  '\u200B\u200C\u200D\u2060\uFEFF',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'nul\u0000byte',
  '\u0000',
  '\uFFFF\uFFFE',
  '\u{10FFFF}',
  `e${'\u0301'.repeat(500)}`,
  'Z̸̢̛̗͔̠͎̤̞͖̈́̐̓̊͌̇a̴̡̛̛͍̝̫͕͔͑̄l̵̨̨̻̜̹̼̈́͐̍ğ̷̢̡̜̦̠͙̐̀ö̸̧̟͉̝̠́̈́',
  // Markup and injection.
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  "'; DROP TABLE posts; --",
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  'https://x.com/user/status/1',
  'https://x.com/user/status/99999999999999999999999999',
  '__proto__',
];

/** Strings too long for anything: a whole megabyte, and what makes X's text counter slow (README: STACK). */
export function hugeString(random: Random): string {
  return random.pick([() => 'a'.repeat(MIB), () => 'a.'.repeat(60_000), () => '😀'.repeat(100_000), () => '\u202E'.repeat(50_000), () => 'x'.repeat(25_001)])();
}

/** A value of the wrong kind, or the right kind gone wrong. `refs` are ids that exist (someone else's too). */
export function hostileValue(random: Random, refs: readonly string[]): unknown {
  switch (random.int(9)) {
    case 0:
      return random.pick([null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]);
    case 1:
      return random.pick([[], {}, [[]], [null], [{}], { '': '' }]);
    case 2:
    case 3:
      return random.pick(HOSTILE_STRINGS);
    case 4:
      return random.chance(0.3) ? hugeString(random) : random.pick(HOSTILE_STRINGS).repeat(1 + random.int(50));
    case 5:
      return nested(random.pick([50, 500, 1000]), random.pick([1, 'x', null]), random.chance(0.5));
    case 6:
      return random.pick(refs);
    case 7:
      return random.pick([{ __proto__: { admin: true } }, JSON.parse('{"__proto__":{"admin":true}}') as unknown, { constructor: { prototype: { admin: true } } }]);
    default:
      return Array.from({ length: random.pick([1, 5, 101, 1000]) }, () => random.pick(HOSTILE_STRINGS));
  }
}

type Json = unknown;

/** Every place inside a JSON value (the root is `[]`). */
function placesIn(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => placesIn(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) placesIn(v, [...at, k], out);
  return out;
}

/** A copy of `template` with one place replaced, removed, or given an unknown neighbour. */
export function mutate(random: Random, template: Json, refs: readonly string[]): Json {
  const copy = structuredClone(template) as Json;
  const place = random.pick(placesIn(copy));
  if (place.length === 0) return random.chance(0.5) ? hostileValue(random, refs) : { ...(copy as object), [random.pick(['extra', '__proto__', 'constructor', 'userId', 'id'])]: hostileValue(random, refs) };
  const parent = place.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], copy) as Record<string | number, Json>;
  const key = place.at(-1)!;
  const action = random.int(10);
  if (action === 0 && !Array.isArray(parent)) delete parent[key];
  else if (action === 1 && !Array.isArray(parent)) parent[`${String(key)}Extra`] = hostileValue(random, refs);
  else parent[key] = hostileValue(random, refs);
  return copy;
}

/** Bodies that are not JSON, or JSON in a shape no route takes, as bytes. */
export function rawBody(random: Random): Uint8Array<ArrayBuffer> {
  const text = random.pick([
    () => '',
    () => '   ',
    () => 'null',
    () => '"a string"',
    () => '12345',
    () => '[]',
    () => '{',
    () => '{"a":}',
    () => "{'single':'quotes'}",
    () => '{"a":1,"a":2}',
    () => '\uFEFF{}',
    () => '{"a":NaN}',
    () => '{"a":Infinity}',
    () => '{"a":"\\ud800"}',
    () => '[' .repeat(200_000),
    () => `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    () => '<html><script>alert(1)</script></html>',
    () => 'a=1&b=2',
  ])();
  const bytes = new TextEncoder().encode(text);
  // Not UTF-8 at all: a lone continuation byte, an overlong NUL, half a character.
  return random.chance(0.1) ? new Uint8Array([...bytes, ...random.pick([[0xff], [0xc0, 0x80], [0xe2, 0x82]])]) : bytes;
}

export const CONTENT_TYPES: readonly (string | null)[] = [
  null,
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json-patch+json',
  'application/xml',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/json, text/plain',
  '*/*',
  '\u00e9',
];

/** Query strings: unknown fields, fields twice, and bad values for the ones a route knows. */
export function hostileQuery(random: Random, known: readonly string[]): string {
  const fields = [...known, 'unknown', '__proto__', 'a[]', 'constructor'];
  const pairs: [string, string][] = [];
  for (let i = 0, n = 1 + random.int(3); i < n; i++) {
    const key = random.pick(fields);
    const value = random.chance(0.1) ? 'q'.repeat(random.pick([1000, 100_000])) : random.pick(HOSTILE_STRINGS);
    pairs.push([key, value]);
    if (random.chance(0.2)) pairs.push([key, random.pick(HOSTILE_STRINGS)]);
  }
  const query = new URLSearchParams(pairs).toString();
  // Also what URLSearchParams would never write: broken percent-escapes.
  return random.chance(0.15) ? `${query}&${random.pick(known.length ? known : ['x'])}=%E0%A4%A&bad=%` : query;
}

/** Path ids: nothing like an id, nearly one, and real ids (someone else's among them). */
export function hostileId(random: Random, refs: readonly string[]): string {
  return random.chance(0.35)
    ? random.pick(refs)
    : random.pick([
        '',
        'not-an-id',
        '00000000-0000-0000-0000-000000000000',
        'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
        '123',
        '-1',
        '../../etc/passwd',
        '%00',
        '\u0000',
        'x'.repeat(10_000),
        '<script>',
        '1 OR 1=1',
        `${random.pick(refs)} `,
        random.pick(refs).toUpperCase(),
        random.pick(refs).replace(/-/g, ''),
        '👨‍👩‍👧‍👦',
        '\uD800',
      ]);
}
