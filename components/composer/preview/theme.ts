import type { PreviewTheme } from './types';

/**
 * X's colours for its light and dark ("Lights out") looks. Chosen by a prop rather than Tailwind's
 * `dark:` variant: the preview follows the toggle above it, not the page's colour scheme.
 */
export interface PreviewPalette {
  surface: string;
  muted: string;
  border: string;
  /** The thread line and the poll bars. */
  line: string;
  /** Links, mentions, hashtags: the same blue in both looks. */
  link: string;
  /** A media tile with nothing to draw yet. */
  tile: string;
  /** The ring around the play badge, the colour of the page behind. */
  ring: string;
}

export const PALETTES: Readonly<Record<PreviewTheme, PreviewPalette>> = {
  light: {
    // X's own colours, literal: Tailwind's white turns dark with the page in dark mode (app/globals.css).
    surface: 'bg-[#fff] text-[#0f1419]',
    muted: 'text-[#536471]',
    border: 'border-[#cfd9de]',
    line: 'bg-[#cfd9de]',
    link: 'text-[#1d9bf0]',
    tile: 'bg-[#eff3f4] text-[#536471]',
    ring: 'ring-[#fff]',
  },
  dark: {
    surface: 'bg-black text-[#e7e9ea]',
    muted: 'text-[#71767b]',
    border: 'border-[#2f3336]',
    line: 'bg-[#333639]',
    link: 'text-[#1d9bf0]',
    tile: 'bg-[#16181c] text-[#71767b]',
    ring: 'ring-black',
  },
};
