import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'warning' | 'danger' | 'destructive';

const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'bg-slate-900 text-white shadow-sm hover:bg-slate-700',
  secondary: 'bg-white text-slate-800 ring-1 ring-slate-200 hover:bg-slate-50',
  quiet: 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
  /** What must be done before anything else works (reconnect an account). */
  warning: 'bg-amber-500 text-black hover:bg-amber-400',
  /** A first step towards removing something (a confirmation follows). */
  danger: 'text-rose-700 hover:bg-rose-50',
  /** The confirmation itself. */
  destructive: 'bg-rose-600 text-white hover:bg-rose-500',
};

const SIZES = { md: 'px-3.5 py-2', sm: 'px-3 py-1.5' } as const;

/** The button look, also for links that act as buttons. Focus is always visible from the keyboard. */
export function buttonStyle(variant: ButtonVariant = 'secondary', size: keyof typeof SIZES = 'md'): string {
  return `inline-flex items-center justify-center gap-1.5 rounded-lg text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:cursor-not-allowed disabled:opacity-50 ${SIZES[size]} ${VARIANTS[variant]}`;
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: keyof typeof SIZES;
  /** Shows a spinner before the label; the label stays, so the button keeps its name. */
  busy?: boolean;
}

export function Button({ variant, size, busy = false, type = 'button', className, children, ...rest }: ButtonProps) {
  return (
    <button type={type} className={`${buttonStyle(variant, size)} ${className ?? ''}`} {...rest}>
      {busy ? <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" /> : null}
      {children}
    </button>
  );
}
