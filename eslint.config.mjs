import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Components run in the browser: nothing from app/ (routes and pages), and from lib/ only the
    // modules written for both sides. Types may come from anywhere: they vanish at build time.
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@/app(/|$)', message: 'components never import from app/: pass what they need as props.' },
            {
              regex: '^@/lib/(?!(x/rules|x/text|media/sniff|posts/same-content|posts/cost)$)',
              allowTypeImports: true,
              message: 'Server code stays on the server: from lib/ components take only types (import type) and lib/x/rules, lib/x/text, lib/media/sniff, lib/posts/same-content, lib/posts/cost.',
            },
            { regex: '^(\\.\\./)+(app|lib)(/|$)', message: 'Import app/ and lib/ through @/, where the rules above apply.' },
          ],
        },
      ],
    },
  },
  { ignores: ['.next/**', 'dist/**', 'bench/.build/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
];

export default config;
