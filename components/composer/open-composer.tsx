'use client';

import { ComposerDialog, type ComposerDialogProps } from './composer-dialog';
import type { OpenTarget } from './open-target';

export interface OpenComposerProps extends Omit<ComposerDialogProps, 'target' | 'onClose' | 'onDuplicate'> {
  /** What the composer shows; null: closed. */
  target: OpenTarget | null;
  /** Closing sets null; Duplicate opens the copy in its place. */
  onTargetChange: (target: OpenTarget | null) => void;
}

/** The composer as every page opens it: one per post (a new key resets it), closed when null. */
export function OpenComposer({ target, onTargetChange, ...props }: OpenComposerProps) {
  if (!target) return null;
  return (
    <ComposerDialog
      key={target.kind === 'edit' ? target.post.id : 'new'}
      target={target}
      onClose={() => onTargetChange(null)}
      onDuplicate={(copy) => onTargetChange({ kind: 'copy', posts: copy })}
      {...props}
    />
  );
}
