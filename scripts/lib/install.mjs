// @ts-check
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { log, root, runOrFail } from './process.mjs';

/** Installs dependencies when node_modules is missing or older than the lock file, then builds. */
export function installAndBuild() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    log('installing dependencies (npm ci)…');
    runOrFail('npm', ['ci', '--no-audit', '--no-fund']);
  }
  log('building…');
  runOrFail('npm', ['run', '--silent', 'build']);
}
