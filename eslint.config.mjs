// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The lib graph goes one way (docs/architecture.md): each lib imports only the libs listed
 * here, libs never import apps, and an app never imports another app.
 */
const LIB_DEPENDENCIES = {
  domain: [],
  config: [],
  database: [],
  contracts: ['domain'],
  'pass-token': ['contracts', 'domain'],
  messaging: ['contracts', 'database', 'domain'],
  auth: [],
  platform: ['auth', 'config', 'contracts', 'database', 'domain', 'messaging'],
  audit: ['auth', 'contracts', 'database', 'domain', 'platform'],
};
const APPS = ['pass-service', 'verify-service', 'reporting-service'];
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'];

const layerRules = [
  ...Object.entries(LIB_DEPENDENCIES).map(([lib, allowed]) => ({
    files: [`libs/${lib}/src/**/*.ts`],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: Object.keys(LIB_DEPENDENCIES)
                .filter((other) => other !== lib && !allowed.includes(other))
                .map((other) => `@app/${other}`),
              message: `libs/${lib} may import only ${allowed.map((a) => `@app/${a}`).join(', ') || 'no other lib'} (the lib graph goes one way).`,
            },
            { group: ['**/apps/**'], message: 'A lib never imports an app.' },
          ],
        },
      ],
    },
  })),
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: APPS.filter((other) => other !== app).map((other) => `**/${other}/**`),
              message: 'An app never imports another app: share through libs/ or a Kafka event.',
            },
          ],
        },
      ],
    },
  })),
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.local/**',
      'coverage/**',
      'artifacts/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...layerRules,
  {
    // Tests talk to raw HTTP and Kafka payloads; asserting on them is the point.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
