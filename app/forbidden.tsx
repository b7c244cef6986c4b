export default function Forbidden() {
  return (
    <main className="mx-auto mt-24 max-w-md text-center">
      <h1 className="text-2xl font-semibold">403 — Forbidden</h1>
      <p className="mt-2 text-slate-600">This page is for Herald's admins only.</p>
    </main>
  );
}
