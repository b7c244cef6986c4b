/**
 * Herald's boundaries, checked by `npm run lint` (dependency-cruiser): the folders tell the
 * architecture, and these rules keep it from eroding one import at a time.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A loop between modules makes load order matter and hides who depends on whom.',
      from: { path: '^(app|components|lib|worker|scripts)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lib-stays-below',
      severity: 'error',
      comment: 'Domain logic is used by routes, components and the worker; it never reaches up to them.',
      from: { path: '^lib/', pathNot: '[.]test[.]ts$' },
      to: { path: '^(app|components|worker|scripts|bench|e2e|tests)/' },
    },
    {
      name: 'schema-is-a-leaf',
      severity: 'error',
      comment: 'The drizzle schema describes tables; it imports no domain module (only packages).',
      from: { path: '^lib/db/schema[.]ts$' },
      to: { path: '^(lib|app|components|worker)/' },
    },
    {
      name: 'x-rules-import-nothing',
      severity: 'error',
      comment: "X's rules are shared by the browser and the server: they depend on nothing at all.",
      from: { path: '^lib/x/rules[.]ts$' },
      to: {},
    },
    {
      name: 'x-knows-only-x',
      severity: 'error',
      comment: "lib/x speaks X's protocol and rules; Herald's own data (posts, media, accounts) is brought to it by the callers.",
      from: { path: '^lib/x/', pathNot: '[.]test[.]ts$' },
      to: { path: '^lib/', pathNot: '^lib/(x/|config[.]ts$)' },
    },
    {
      name: 'components-not-into-app',
      severity: 'error',
      comment: 'app/ is routing; components receive what they need as props.',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'components-only-browser-safe-lib',
      severity: 'error',
      comment: 'Components run in the browser: from lib they take types, and values only from modules written for both sides.',
      from: { path: '^components/' },
      to: {
        path: '^lib/',
        pathNot: '^lib/(x/rules|x/text|media/sniff|posts/same-content|posts/cost)[.]ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'queue-does-not-run-jobs',
      severity: 'error',
      comment: 'lib/queue defines and feeds queues; what a job does is wired in worker/.',
      from: { path: '^lib/queue/' },
      to: { path: '^lib/(publishing|sweep)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|[.]next|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
