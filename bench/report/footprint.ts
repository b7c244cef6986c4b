/** The footprint section of RESULTS.md: Redis and Postgres bytes per scheduled post, worker RSS. */
import type { FootprintResult } from '../scenarios/footprint';
import { fmtBytes } from '../stats';
import { mdTable, num } from './tables';
import type { BenchReport } from './types';

export function footprintSection(r: BenchReport, f: FootprintResult): string[] {
  const md: string[] = [];
  const n = f.options.count;
  const pg = (k: keyof typeof f.pgAfter) => f.pgAfter[k] - f.pgBefore[k];
  md.push('## Footprint', '');
  md.push(
    `${num(n)} posts scheduled 1 hour to 31 days ahead across ${num(r.settings.accounts)} accounts, created in ${(f.creation.elapsedMs / 1000).toFixed(1)} s ` +
      `(${num(f.creation.perSecond)} createPost/s). Differences from just before creation, with the ${r.settings.workers} workers connected and idle.`,
    '',
    mdTable(
      ['measure', 'total', 'per scheduled post'],
      [
        ['Redis used_memory', `${fmtBytes(f.redisUsedBefore)} → ${fmtBytes(f.redisUsedAfter)}`, `${num((f.redisUsedAfter - f.redisUsedBefore) / n)} B`],
        ['Redis keys', `${num(f.redisKeysBefore)} → ${num(f.redisKeysAfter)}`, ((f.redisKeysAfter - f.redisKeysBefore) / n).toFixed(3)],
        ['Postgres posts (heap)', fmtBytes(pg('postsHeap')), `${num(pg('postsHeap') / n)} B`],
        ['Postgres posts (indexes)', fmtBytes(pg('postsIndexes')), `${num(pg('postsIndexes') / n)} B`],
        ['Postgres post_parts (heap)', fmtBytes(pg('partsHeap')), `${num(pg('partsHeap') / n)} B`],
        ['Postgres post_parts (indexes)', fmtBytes(pg('partsIndexes')), `${num(pg('partsIndexes') / n)} B`],
        ['Postgres posts + post_parts (total relation size)', fmtBytes(pg('postsTotal') + pg('partsTotal')), `${num((pg('postsTotal') + pg('partsTotal')) / n)} B`],
        ['Postgres database size', fmtBytes(pg('database')), `${num(pg('database') / n)} B`],
      ],
    ),
    '',
    'Redis by kind of key after creation (`MEMORY USAGE` of every key; the keyspace\'s own per-key overhead is in used_memory only):',
    '',
    mdTable(['kind', 'keys', 'bytes', 'per scheduled post'], f.redisByKind.map((k) => [k.name, num(k.keys), fmtBytes(k.bytes), `${num(k.bytes / n)} B`])),
    '',
    f.jobHash
      ? `One job hash looked at closely: \`OBJECT ENCODING\` ${f.jobHash.encoding}, \`MEMORY USAGE\` ${num(f.jobHash.memoryUsage)} B, ` +
          `fields ${f.jobHash.fields.map((x) => `${x.name} ${x.bytes} B`).join(', ')} (${num(f.jobHash.fields.reduce((s2, x) => s2 + x.bytes + Buffer.byteLength(x.name), 0))} B of names and values). ` +
          `This Redis keeps a hash in the compact listpack encoding only while every value is ≤ ${f.jobHash.listpackValueLimit} B ` +
          `(\`hash-max-listpack-value\`) and it has ≤ ${f.jobHash.listpackEntriesLimit} fields; the longest value here is ` +
          `${Math.max(...f.jobHash.fields.map((x) => x.bytes))} B.`
      : 'No job hash found to look at.',
    '',
    `Worker RSS: idle ${f.workerRssIdle.map(fmtBytes).join(', ')}; with ${num(n)} posts scheduled ${f.workerRssLoaded.map(fmtBytes).join(', ')}.`,
    '',
  );
  return md;
}
