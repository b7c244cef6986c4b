/** Limits shared by the API's validation and the composer (kept free of zod for the browser). */
export const MAX_THREAD_PARTS = 25;
