import nx from '@nx/eslint-plugin';

// Boundaries (STYLE.md §12): services meet only through libs/contracts; domain code imports no framework.
const depConstraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:domain', 'type:contracts'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:infra', 'type:domain', 'type:contracts'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:infra', 'type:domain', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:simulator', onlyDependOnLibsWithTags: ['type:infra', 'type:domain', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:host', onlyDependOnLibsWithTags: ['type:service', 'type:simulator', 'type:infra', 'type:domain', 'type:contracts'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:infra', 'type:domain', 'type:contracts'] },
  { sourceTag: 'scope:account-billing', onlyDependOnLibsWithTags: ['scope:account-billing', 'scope:shared'] },
  { sourceTag: 'scope:content-review', onlyDependOnLibsWithTags: ['scope:content-review', 'scope:shared'] },
  { sourceTag: 'scope:dispatch', onlyDependOnLibsWithTags: ['scope:dispatch', 'scope:shared'] },
  { sourceTag: 'scope:carrier-adapter', onlyDependOnLibsWithTags: ['scope:carrier-adapter', 'scope:shared'] },
  { sourceTag: 'scope:carrier-simulator', onlyDependOnLibsWithTags: ['scope:carrier-simulator', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
];

// messaging's Kafka int spec starts the Kafka mock from libs/testing, whose service harness boots services on
// messaging: a cycle through test files only. depConstraints still keep type:testing out of messaging's own code.
const testOnlyCycles = [['messaging', 'testing']];

const boundaries = (allow = []) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    { enforceBuildableLibDependency: false, allow, depConstraints, banTransitiveDependencies: false, ignoredCircularDependencies: testOnlyCycles },
  ],
});

const frameworks = ['@nestjs/*', 'kafkajs', '@eventstore/*', 'mongoose', 'node:sqlite', 'smpp', 'express', 'pino', '@opentelemetry/*'];
// Our own infrastructure libraries: domain code reaches them only through ports. The use-case kit's core is allowed.
const infrastructureLibs = ['@sms/event-store', '@sms/messaging', '@sms/service-kit', '@sms/observability', '@sms/testing', '@sms/carrier-protocols', '@sms/data-protection'];

// A database driver, or a helper that hands out its connection, belongs to infrastructure/ (repository adapters).
const databaseAccess = {
  paths: [
    { name: 'node:sqlite', message: 'SQLite belongs in infrastructure/: declare a port in application/ and implement it there.' },
    { name: 'mongoose', message: 'MongoDB belongs in infrastructure/: declare a port in application/ and implement it there.' },
    { name: '@sms/service-kit', importNames: ['transaction', 'openSqlite'], message: 'Transactions belong in infrastructure/: use the UnitOfWork port.' },
  ],
};

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', '.nx/**', 'tmp/**', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      ...boundaries(),
      '@typescript-eslint/no-explicit-any': 'off',
      // Decorated class properties need explicit types: decorator metadata (DI, validation) reads them.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The embedded host is the one place that composes every service in one process.
    files: ['apps/platform/**/*.ts'],
    rules: {
      ...boundaries([
        '@sms/account-billing',
        '@sms/content-review',
        '@sms/dispatch',
        '@sms/carrier-adapter',
        '@sms/carrier-simulator',
      ]),
    },
  },
  {
    // Integration tests may use the test launchers and start the simulator in-process as the operator peer.
    files: ['apps/**/*.int.spec.ts', 'libs/**/*.int.spec.ts'],
    rules: { ...boundaries(['@sms/carrier-simulator', '@sms/testing']) },
  },
  {
    // Application code and APIs talk to databases through ports; only adapters (infrastructure/) hold a connection.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: [
      '**/infrastructure/**',
      '**/*.int.spec.ts',
      'libs/event-store/src/sqlite/**',
      'libs/event-store/src/checkpoint/sqlite-checkpoint-store.ts',
      'libs/service-kit/src/sqlite.ts',
      'libs/service-kit/src/index.ts',
    ],
    rules: { 'no-restricted-imports': ['error', databaseAccess] },
  },
  {
    // Deciders and value objects stay framework-free so they test as given/when/then without a container.
    files: ['**/domain/**/*.ts', 'libs/sms/**/*.ts', 'libs/contracts/**/*.ts', 'libs/use-case-kit/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...databaseAccess,
          patterns: [
            ...frameworks.map((group) => ({ group: [group], message: 'Domain code imports no framework or infrastructure.' })),
            { group: infrastructureLibs, message: 'Domain code imports no framework or infrastructure.' },
            { regex: '^@sms/use-case-kit(?!/core$)', message: 'Domain code imports the use-case kit only through @sms/use-case-kit/core.' },
          ],
        },
      ],
    },
  },
];
