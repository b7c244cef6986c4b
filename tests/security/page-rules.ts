/**
 * Who may open each page (app/**\/page.tsx), one line a page. A page without a line fails
 * tests/security/routes.test.ts; e2e/security.spec.ts opens every page as the rule says:
 * public: anyone; signed-in: signed out → redirect to /signin; admin: also 403 for a non-admin;
 * account: also 404 on another user's account (`[id]` is an X account id of the signed-in user).
 */
export type PageAccess = 'public' | 'signed-in' | 'admin' | 'account';

export const PAGE_RULES: Readonly<Record<string, PageAccess>> = {
  'app/page.tsx': 'signed-in',
  'app/signin/page.tsx': 'public',
  'app/(dashboard)/calendar/page.tsx': 'signed-in',
  'app/(dashboard)/posts/page.tsx': 'signed-in',
  'app/(dashboard)/accounts/(list)/page.tsx': 'signed-in',
  'app/(dashboard)/accounts/[id]/queue/page.tsx': 'account',
  'app/(dashboard)/settings/page.tsx': 'signed-in',
  'app/(dashboard)/admin/page.tsx': 'admin',
  'app/(dashboard)/admin/audit/page.tsx': 'admin',
};
