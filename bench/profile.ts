/**
 * Summarises a V8 .cpuprofile of the bundled worker: self time by package and by function.
 * The bundle marks each module with a `// path` comment line, which maps a frame's line number
 * back to the source file it came from. Usage: `tsx bench/profile.ts <file.cpuprofile> <bundle.js>`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  /** Length of the part summarised (the window, or the whole profile). */
  wallMs: number;
  /** Whether a window was given and the profile covered it. */
  windowed: boolean;
  /** Sampled time that was not idle. */
  busyMs: number;
  byPackage: Row[];
  byFunction: Row[];
}

/** Module start lines in the bundle, from esbuild's `// path/to/file.js` markers. */
function moduleIndex(bundle: string): { line: number; module: string }[] {
  const index: { line: number; module: string }[] = [];
  bundle.split('\n').forEach((line, i) => {
    const m = /^\/\/ ((?:node_modules|lib|worker|x-sandbox|bench)\/\S+)$/.exec(line);
    if (m) index.push({ line: i, module: m[1]! });
  });
  return index;
}

function moduleAt(index: { line: number; module: string }[], line: number): string | undefined {
  let lo = 0;
  let hi = index.length - 1;
  let found: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (index[mid]!.line <= line) {
      found = index[mid]!.module;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function packageOf(module: string): string {
  if (module.startsWith('node_modules/')) {
    const parts = module.split('/');
    // The last node_modules segment names the package (nested installs).
    const at = parts.lastIndexOf('node_modules');
    const name = parts[at + 1] ?? '?';
    return name.startsWith('@') ? `${name}/${parts[at + 2] ?? ''}` : name;
  }
  const [top, dir] = module.split('/');
  return top === 'lib' && dir && !dir.endsWith('.ts') ? `herald lib/${dir}` : `herald ${top}`;
}

/**
 * `window` (CLOCK_MONOTONIC µs, the clock V8 stamps samples with) restricts the summary to the
 * samples taken inside it.
 */
export function summarizeProfile(profileFile: string, bundleFile: string, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const index = moduleIndex(readFileSync(bundleFile, 'utf8'));
  const bundleUrl = pathToFileURL(bundleFile).href;
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) byId.set(node.id, node);

  const frameModule = (f: CallFrame): string | undefined => (f.url === bundleUrl ? moduleAt(index, f.lineNumber) : undefined);
  const frameGroup = (f: CallFrame): string => {
    if (!f.url) return f.functionName.startsWith('(') ? f.functionName : '(native)';
    const mod = frameModule(f);
    if (mod) return packageOf(mod);
    if (f.url.startsWith('node:')) return `node:${f.url.slice(5).split('/')[1] ?? f.url.slice(5)}`;
    return f.url;
  };

  // Time per sample: the delta to the next sample (the last gets the mean).
  const total = profile.endTime - profile.startTime;
  const mean = total / Math.max(1, profile.samples.length);
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  let covered = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    covered++;
    const dt = profile.timeDeltas[i + 1] ?? mean;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  });
  const windowed = Boolean(window) && covered > 0;
  const span = window && windowed ? Math.min(window.toUs, profile.endTime) - Math.max(window.fromUs, profile.startTime) : total;

  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const f = node.callFrame;
    if (f.functionName === '(idle)') continue;
    busy += us;
    const group = frameGroup(f);
    add(packages, group, us);
    const mod = frameModule(f);
    add(functions, `${f.functionName || '(anonymous)'} — ${mod ?? group}`, us);
  }
  const rows = (m: Map<string, number>, limit: number): Row[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy ? us / busy : 0 }));
  return {
    file: profileFile,
    wallMs: span / 1000,
    windowed,
    busyMs: busy / 1000,
    byPackage: rows(packages, 15),
    byFunction: rows(functions, 25),
  };
}

// CLI use, on a profile kept from an earlier run.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, bundle] = process.argv.slice(2);
  if (!file || !bundle) {
    console.error('usage: tsx bench/profile.ts <file.cpuprofile> <bundle.js>');
    process.exit(2);
  }
  const s = summarizeProfile(file, bundle);
  console.log(`wall ${s.wallMs.toFixed(0)} ms, busy ${s.busyMs.toFixed(0)} ms`);
  for (const [title, rows] of [['by package', s.byPackage], ['by function', s.byFunction]] as const) {
    console.log(`\n${title}`);
    for (const r of rows) console.log(`${r.ms.toFixed(0).padStart(7)} ms ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}`);
  }
}
