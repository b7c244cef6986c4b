import { config } from '@/lib/config';

/** Without X credentials Herald publishes to the local X sandbox: say so on every page. */
export function SandboxBanner() {
  if (!config().x.sandbox) return null;
  return (
    <div role="status" className="bg-amber-400 px-4 py-1 text-center text-sm font-medium text-amber-950">
      Sandbox — no X app is configured; sign-in and publishing use the local X sandbox at {config().x.apiUrl}
    </div>
  );
}
