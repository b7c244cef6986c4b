'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavItem {
  href: string;
  label: string;
}

/** Client-side only for usePathname: marks the current section for sighted and screen-reader users. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  // The most specific item wins: /accounts/…/queue is the Queue, not Accounts.
  const matching = items.filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
  const current = matching.sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className="flex flex-wrap items-center gap-0.5 p-1 sm:flex-nowrap sm:gap-1">
      {items.map((item) => {
        const active = item.href === current;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={`block rounded-md px-2 py-1.5 text-sm whitespace-nowrap sm:px-3 font-medium transition-colors ${
                active ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'
              }`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
