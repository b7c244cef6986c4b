import type { XAccount, XAccountStatus } from '../db/schema';
import { textLimitFor } from '../x/rules';

/** An X account as its owner sees it: never its tokens. */
export interface AccountView {
  id: string;
  username: string;
  name: string;
  status: XAccountStatus;
  avatarUrl: string | null;
  /** X's `subscription_type` as last read (None, Basic, Premium, PremiumPlus). */
  subscriptionType: string;
  /** The weighted characters X allows in each of this account's posts (280, or 25,000 with Premium). */
  textLimit: number;
}

export const toView = (a: XAccount): AccountView => ({
  id: a.id,
  username: a.username,
  name: a.name,
  status: a.status,
  avatarUrl: a.avatarUrl,
  subscriptionType: a.subscriptionType,
  textLimit: textLimitFor(a.subscriptionType),
});

/** What the pages hand the browser about an account to compose for: no more than the composer shows or checks. */
export type AccountOption = Pick<AccountView, 'id' | 'username' | 'name' | 'status' | 'avatarUrl' | 'subscriptionType' | 'textLimit'>;

export const toAccountOption = ({ id, username, name, status, avatarUrl, subscriptionType, textLimit }: AccountView): AccountOption => ({
  id,
  username,
  name,
  status,
  avatarUrl,
  subscriptionType,
  textLimit,
});
