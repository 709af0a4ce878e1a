/** One Jest config for the whole monorepo: unit specs sit beside the code, e2e specs in apps/<service>/test. */
const libs = [
  'config',
  'contracts',
  'messaging',
  'database',
  'auth',
  'platform',
  'domain',
  'pass-token',
  'audit',
];
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
  // content-disposition (under @fastify/static) and lit-html ship only ESM, which Jest's CommonJS
  // runtime cannot load.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|lit-html)/)'],
  testEnvironment: 'node',
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((l) => [`^@app/${l}(|/.*)$`, `<rootDir>/libs/${l}/src$1`])),
    // The pages import their shared code by its URL; in Node it is the web/shared folder.
    '^/shared/(.*)$': '<rootDir>/web/shared/$1',
    // …and the template library by its URL too; in Node, its build that needs no DOM to load.
    '^/vendor/lit-html/(.*)$': '<rootDir>/node_modules/lit-html/node/$1',
  },
  testTimeout: 60000,
  // Says so when code under test has set process.exitCode (see scripts/test.mjs).
  globalTeardown: '<rootDir>/test/support/report-exit-code.ts',
};
