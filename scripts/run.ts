import { ConfigError, StartupError, config } from '../lib/config';
import { loadDotEnv } from '../lib/env';
import { heraldRedirectUris } from '../x-sandbox/redirect-uris';
import { applyMigrations } from './migrations';
import { startProcess, type ChildHandle } from './toolkit/processes';

/**
 * `npm run dev` and `npm start`: migrations, then the web app, the worker and (when no X app is
 * configured) the X sandbox, as one foreground command. Each part is also runnable alone
 * (`npm run start:web`, `npm run start:worker`), which is how the containers run them.
 */
const mode = process.argv[2];
if (mode !== 'dev' && mode !== 'start') {
  console.error('usage: run.ts dev|start');
  process.exit(2);
}

loadDotEnv();
if (mode === 'start' && !process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: 'production' });
let settings: ReturnType<typeof config>;
try {
  settings = config();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
// Web and worker must share one secret (and so one derived encryption key), even when it
// was generated for this machine: hand it to both explicitly.
process.env.AUTH_SECRET = settings.authSecret;
process.env.MEDIA_DIR = settings.mediaDir; // absolute: the standalone web server runs from .next/standalone

try {
  await applyMigrations(settings.databaseUrl);
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const node = process.execPath;
const tsx = ['--import', 'tsx'];
const parts: Record<string, [string, string[], Record<string, string>?]> = {
  web:
    mode === 'dev'
      ? [node, ['node_modules/next/dist/bin/next', 'dev', '-p', String(settings.port)]]
      : [node, ['.next/standalone/server.js'], { HOSTNAME: '0.0.0.0', PORT: String(settings.port) }],
  worker: mode === 'dev' ? [node, [...tsx, 'worker/index.ts']] : [node, ['dist/worker.js']],
};
if (settings.x.sandbox) {
  const sandboxEnv = {
    SANDBOX_PORT: String(settings.sandboxPort),
    SANDBOX_STATE_FILE: '.herald/x-sandbox-state.json',
    // The sandbox redirects only to registered callbacks: Herald's, wherever AUTH_URL puts them.
    SANDBOX_REDIRECT_URIS: heraldRedirectUris(settings.authUrl).join(','),
  };
  parts.x = mode === 'dev' ? [node, [...tsx, 'x-sandbox/main.ts'], sandboxEnv] : [node, ['dist/x-sandbox.js'], sandboxEnv];
}

const children: ChildHandle[] = [];
let exiting = false;

/** SIGTERM to every part, SIGKILL to any still running 30 s later (the worker finishes its jobs in flight), then exit. */
async function stopAll(code: number) {
  if (exiting) return;
  exiting = true;
  await Promise.all(children.map((child) => child.stop(30_000)));
  process.exit(code);
}

for (const [name, [command, args, env]] of Object.entries(parts)) {
  const prefix = `[${name}] `;
  const child = startProcess({
    label: name,
    command,
    args,
    env: { ...process.env, ...env, HERALD_SERVICE: name },
    // Shown as it comes, not kept: a long-running process must not grow a log in memory.
    keepLines: 0,
    onLine: (line) => process.stdout.write(prefix + line + '\n'),
  });
  children.push(child);
  void child.exited.then((code) => {
    if (!exiting) console.error(`${prefix}exited (${child.child.signalCode ?? code}); stopping the others`);
    void stopAll(code ?? 1);
  });
}
console.log(
  `Herald ${mode === 'dev' ? 'development' : 'production'}: ${settings.authUrl}` +
    (settings.x.sandbox ? ` (X sandbox at http://127.0.0.1:${settings.sandboxPort})` : ''),
);
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
