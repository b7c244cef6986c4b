import { forbidden } from 'next/navigation';
import type { ReactNode } from 'react';
import { isAdmin } from '@/lib/auth/admins';
import { requirePageUser } from '@/lib/auth/session';

/**
 * The admin pages' one gate. In a layout rather than each page so that their loading state
 * (admin/loading.tsx, which streams the page) cannot turn the 403 into a 200: the layout
 * answers before anything is streamed.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  if (!(await isAdmin(user.id))) forbidden();
  return children;
}
