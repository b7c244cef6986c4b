import type { PollSpec } from '@/lib/x/rules';
import { pollSummary } from './layout';
import type { PreviewPalette } from './theme';

/**
 * A poll as its author sees it on X: the author cannot vote, so X shows result bars, all at 0%
 * while no one has voted, and the time left. An option not written yet shows as "Choice N".
 */
export function PollPreview({ poll, palette }: { poll: PollSpec; palette: PreviewPalette }) {
  return (
    <div data-poll="" className="mt-3">
      <ul aria-label="Poll options" className="flex flex-col gap-1.5">
        {poll.options.map((option, index) => (
          <li key={index} className="relative flex items-center justify-between gap-3 overflow-hidden rounded-md px-3 py-1.5 text-[15px]">
            <span aria-hidden="true" className={`absolute inset-y-0 left-0 w-1.5 rounded-md ${palette.line}`} />
            <span className={`relative truncate ${option.trim() ? '' : palette.muted}`}>{option.trim() ? option : `Choice ${index + 1}`}</span>
            <span className="relative shrink-0 tabular-nums">0%</span>
          </li>
        ))}
      </ul>
      <p className={`mt-2 text-[15px] ${palette.muted}`}>{pollSummary(poll.durationMinutes)}</p>
    </div>
  );
}
