import { z } from 'zod';
import { MAX_UNDO_TOKEN_LENGTH } from './undo-token';

/** `POST /api/v1/posts/undo`. A token's shape is checked by its signature, not here; only its size is capped. */
export const undoInput = z.strictObject({
  token: z.string('The undo token is missing').min(1, 'The undo token is missing').max(MAX_UNDO_TOKEN_LENGTH, 'This undo link is not valid'),
});
