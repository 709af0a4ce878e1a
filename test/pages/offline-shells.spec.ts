import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/test-env';

/**
 * The scanner and the driver's page must open without a network, so their service workers cache
 * the page's files on install. Built, the build writes that list; unbuilt, sw.js names each file
 * by hand, and the pages are many modules. This follows the imports from index.html as a browser
 * would and compares them with that list, both ways (the driver's also keeps its manifest and
 * icons, which no module imports).
 */
const PAGES = [
  { name: 'scanner', dir: path.join('apps', 'verify-service', 'web'), base: '/', files: [] },
  {
    name: "driver's page",
    dir: path.join('apps', 'pass-service', 'web', 'driver'),
    base: '/driver/',
    files: [
      '/driver/manifest.webmanifest',
      '/driver/icon-192.png',
      '/driver/icon-512.png',
      '/driver/icon-maskable-512.png',
    ],
  },
];

/** The file a URL of the unbuilt page is served from (libs/platform pages.ts). */
function fileOf(pageDir: string, base: string, url: string): string {
  if (url.startsWith('/shared/')) return path.join(repoRoot, 'web', 'shared', url.slice(8));
  if (url.startsWith('/vendor/lit-html/'))
    return path.join(repoRoot, 'node_modules', 'lit-html', url.slice('/vendor/lit-html/'.length));
  return path.join(repoRoot, pageDir, url.slice(base.length));
}

/** The URLs a module imports statically (`import … from`, `export … from`, `import '…'`). */
function importsOf(file: string, url: string): string[] {
  const code = readFileSync(file, 'utf8');
  const specifiers = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*)(['"])([^'"\n]+)\1/g)].map(
    (match) => match[2],
  );
  return specifiers.map((specifier) => new URL(specifier, `http://page${url}`).pathname);
}

/** Every URL the unbuilt page loads: its scripts and style sheets, and what they import. */
function pageUrls(pageDir: string, base: string): Set<string> {
  const html = readFileSync(path.join(repoRoot, pageDir, 'index.html'), 'utf8');
  const absolute = (ref: string) => new URL(ref, `http://page${base}`).pathname;
  const loaded = new Set([base, `${base}index.html`]);
  for (const [, ref] of html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g))
    loaded.add(absolute(ref));
  const modules = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map(([, ref]) =>
    absolute(ref),
  );
  while (modules.length) {
    const url = modules.pop() ?? '';
    for (const imported of importsOf(fileOf(pageDir, base, url), url)) {
      if (loaded.has(imported)) continue;
      loaded.add(imported);
      modules.push(imported);
    }
  }
  return loaded;
}

describe.each(PAGES)("the $name's service worker", ({ dir, base, files }) => {
  it('caches every file the unbuilt page loads, and no other', () => {
    const worker = readFileSync(path.join(repoRoot, dir, 'sw.js'), 'utf8');
    const list = /const SHELL = (\[[\s\S]*?\]);/.exec(worker)?.[1] ?? '[]';
    const shell = JSON.parse(list.replace(/'/g, '"').replace(/,\s*\]/, ']')) as string[];
    const urls = [...pageUrls(dir, base), ...files];
    expect(urls).toContain('/vendor/lit-html/lit-html.js');
    expect([...shell].sort()).toEqual(urls.sort());
  });
});
