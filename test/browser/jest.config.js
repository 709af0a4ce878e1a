/** The browser suite: the root config (ts-jest, path mapping) on test/browser only, one file at a time. */
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/browser'],
  testRegex: '\\.browser-spec\\.ts$',
  // A shared 2-core machine: Chromium, three services, Kafka and Postgres all compete for it.
  testTimeout: 240000,
};
