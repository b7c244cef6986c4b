import { z } from 'zod';
import { tokenScope } from '../db/schema';
import { text } from '../validation';

export const TOKEN_NAME_MAX_LENGTH = 100;

/** `POST /api/v1/tokens`: a name to recognise it by, and what it may do (at least one scope, each once). */
export const createTokenInput = z.strictObject({
  name: text(TOKEN_NAME_MAX_LENGTH, `A token's name has at most ${TOKEN_NAME_MAX_LENGTH} characters`)
    .trim()
    .min(1, 'Give the token a name, to recognise it by later'),
  scopes: z
    .array(z.enum(tokenScope.enumValues, { error: `A scope is one of ${tokenScope.enumValues.join(', ')}` }))
    .min(1, 'Pick at least one scope')
    .refine((scopes) => new Set(scopes).size === scopes.length, 'Each scope once'),
});

export type CreateTokenInput = z.infer<typeof createTokenInput>;
