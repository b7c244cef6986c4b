import { requirePageUser } from '@/lib/auth/session';

export default async function CalendarPage() {
  await requirePageUser();
  return <h1>Calendar</h1>;
}
