// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The lib graph goes one way (docs/architecture.md): each lib imports only the libs listed
 * here, libs never import apps, and an app never imports another app.
 * @type {Record<string, string[]>}
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
/**
 * Plain JavaScript, each file type-checked (checkJs, strict) by the tsconfig of where it runs:
 * Node runs the scripts and the tool configs as they are; esbuild bundles the pages for the
 * browser (the driver's and the scanner's service workers among them).
 */
const NODE_JS = [
  'scripts/**/*.mjs',
  'eslint.config.mjs',
  'jest.config.js',
  'test/browser/jest.config.js',
];
const BROWSER_JS = [
  'web/shared/**/*.js',
  'apps/*/web/**/*.js',
  'test/browser/support/png-to-luma.js',
];

/**
 * @param {{ group: string[], message: string }[]} patterns imports that are an error
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrictedImports = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const layerRules = [
  ...Object.entries(LIB_DEPENDENCIES).map(([lib, allowed]) => ({
    files: [`libs/${lib}/src/**/*.ts`],
    ignores: TEST_FILES,
    rules: restrictedImports([
      {
        group: Object.keys(LIB_DEPENDENCIES)
          .filter((other) => other !== lib && !allowed.includes(other))
          .map((other) => `@app/${other}`),
        message: `libs/${lib} may import only ${allowed.map((a) => `@app/${a}`).join(', ') || 'no other lib'} (the lib graph goes one way).`,
      },
      { group: ['**/apps/**'], message: 'A lib never imports an app.' },
    ]),
  })),
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: restrictedImports([
      {
        group: APPS.filter((other) => other !== app).map((other) => `**/${other}/**`),
        message: 'An app never imports another app: share through libs/ or a Kafka event.',
      },
    ]),
  })),
];

export default tseslint.config(
  {
    // Only what is built, installed or written by a run: every source file is linted.
    ignores: ['dist/**', 'node_modules/**', '.local/**', 'coverage/**', 'artifacts/**'],
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
  {
    files: NODE_JS,
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.scripts.json' },
    },
  },
  {
    files: BROWSER_JS,
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.web.json' },
    },
  },
  {
    files: [...NODE_JS, ...BROWSER_JS],
    rules: {
      // TypeScript resolves every name in these files against the types of where they run (the
      // DOM for the pages, Node for the scripts) and fails on an unknown one, as in the services.
      'no-undef': 'off',
    },
  },
  {
    // CommonJS, as Jest loads its configs; the browser suite's extends the root one.
    files: ['jest.config.js', 'test/browser/jest.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // One function expression, read as text and handed to page.evaluate: the expression is the point.
    files: ['test/browser/support/png-to-luma.js'],
    languageOptions: { sourceType: 'script' },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
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
