import Link from 'next/link';

/** The admin console's two pages. */
export function AdminNav({ current }: { current: 'console' | 'audit' }) {
  const item = (href: string, label: string, here: boolean) => (
    <Link href={href} aria-current={here ? 'page' : undefined} className={`rounded-md px-2.5 py-1.5 text-sm font-medium ${here ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100'}`}>
      {label}
    </Link>
  );
  return (
    <nav aria-label="Admin" className="flex gap-1">
      {item('/admin', 'Overview & failed posts', current === 'console')}
      {item('/admin/audit', 'Audit log', current === 'audit')}
    </nav>
  );
}
