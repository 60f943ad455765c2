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
    // Deciders and value objects stay framework-free so they test as given/when/then without a container.
    files: ['**/domain/**/*.ts', 'libs/sms/**/*.ts', 'libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: frameworks.map((group) => ({ group: [group], message: 'Domain code imports no framework or infrastructure.' })) }],
    },
  },
];
