'use client';

import type { PreviewTheme } from './types';

const THEMES: { value: PreviewTheme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Two pressed/unpressed buttons choosing the preview's look; the dialog keeps the choice. */
export function PreviewThemeToggle({ theme, onChange }: { theme: PreviewTheme; onChange: (theme: PreviewTheme) => void }) {
  return (
    <div role="group" aria-label="Preview theme" className="inline-flex rounded-lg bg-slate-100 p-0.5">
      {THEMES.map(({ value, label }) => (
        <button
          key={value}
          type="button"
          aria-pressed={theme === value}
          onClick={() => onChange(value)}
          className={`rounded-md px-2.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-slate-900 ${
            theme === value ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'
          }`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
