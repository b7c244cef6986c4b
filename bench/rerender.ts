/**
 * `npx tsx bench/rerender.ts bench/.results/<run>.json [out.md]`: renders a run's report again
 * from its raw measurements (after a change to how the report judges or words them). Nothing is
 * measured; the numbers are the run's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReport } from './report/markdown';
import type { BenchReport } from './report/types';

const [input, output] = process.argv.slice(2);
if (!input) throw new Error('usage: tsx bench/rerender.ts bench/.results/<run>.json [out.md]');
const report = JSON.parse(readFileSync(input, 'utf8')) as BenchReport;
const { table, markdown } = renderReport(report);
console.log(table);
if (output) writeFileSync(output, markdown);
