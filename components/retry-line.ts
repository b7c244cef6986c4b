import type { PostView } from '@/lib/posts/view';
import { formatInZone } from './calendar/zoned-time';

/** "retrying — attempt 2 of 5, next at 14:03", the words a waiting post shows everywhere. */
export function retryLine(retry: NonNullable<PostView['retry']>, zone: string, format?: Intl.DateTimeFormatOptions): string {
  return `retrying — attempt ${retry.attempt} of ${retry.of}, next at ${formatInZone(retry.nextAt, zone, format)}`;
}
