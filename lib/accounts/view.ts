import type { XAccount, XAccountStatus } from '../db/schema';

/** An X account as its owner sees it: never its tokens. */
export interface AccountView {
  id: string;
  username: string;
  name: string;
  status: XAccountStatus;
  avatarUrl: string | null;
}

export const toView = (a: XAccount): AccountView => ({ id: a.id, username: a.username, name: a.name, status: a.status, avatarUrl: a.avatarUrl });
