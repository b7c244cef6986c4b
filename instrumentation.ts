/**
 * Runs once when the web server starts (Next's instrumentation hook): a bad configuration stops
 * it with one line naming the problem, as the worker and the migrator do, instead of a server that
 * answers every request with a 500. Skipped while `next build` loads the app.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { ConfigError, config } = await import('./lib/config');
  try {
    config();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
