import { handlers } from '@/lib/auth';
import { withSignInLimit } from '@/lib/rate-limit/signin';

export const GET = withSignInLimit(handlers.GET);
export const POST = withSignInLimit(handlers.POST);
