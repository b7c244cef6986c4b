/**
 * Without X credentials Herald publishes to the local X sandbox: say so on every page.
 * `sandboxUrl` is the sandbox's address in sandbox mode, null otherwise (the layout reads the
 * configuration: components never do).
 */
export function SandboxBanner({ sandboxUrl }: { sandboxUrl: string | null }) {
  if (!sandboxUrl) return null;
  return (
    <div role="status" className="bg-amber-400 px-4 py-1 text-center text-sm font-medium text-black">
      Sandbox — no X app is configured; sign-in and publishing use the local X sandbox at {sandboxUrl}
    </div>
  );
}
