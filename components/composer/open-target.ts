import type { DraftStart } from './state';
import type { ComposerTarget } from './types';

/**
 * What a composer opens for: a target (a new post, or a saved one), or `copy`: posts written
 * elsewhere (Duplicate) to save as new ones. Apart from ./types so ./state need not reach back here.
 */
export type OpenTarget = ComposerTarget | { kind: 'copy'; posts: DraftStart[] };
