import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/test-env';

/**
 * The pages are served with `script-src 'self'` and `style-src 'self'` (libs/platform,
 * security-headers.ts): an inline script, an event-handler attribute, a style attribute, a
 * `<style>` element or a javascript: URL would be refused by the browser and the page would
 * break. This reads every page as written and as built (dist/web, what the services serve).
 */
const SERVICES = ['pass-service', 'verify-service', 'reporting-service'];

interface Tag {
  name: string;
  attributes: Map<string, string>;
  /** The text up to the matching close tag, for <script> and <style>. */
  body: string;
}

/** A small tag reader: enough for hand-written and esbuild-built pages (no CDATA, no templates). */
function tagsOf(html: string): Tag[] {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const tags: Tag[] = [];
  const tagPattern =
    /<([a-zA-Z][\w-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  for (const match of withoutComments.matchAll(tagPattern)) {
    const name = match[1].toLowerCase();
    const attributes = new Map<string, string>();
    for (const a of match[2].matchAll(
      /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
    )) {
      attributes.set(a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    }
    let body = '';
    if (name === 'script' || name === 'style') {
      const start = (match.index ?? 0) + match[0].length;
      const end = withoutComments.toLowerCase().indexOf(`</${name}`, start);
      body = withoutComments.slice(start, end < 0 ? undefined : end);
    }
    tags.push({ name, attributes, body });
  }
  return tags;
}

/** What a strict CSP would refuse in a page, as readable findings. */
function inlineCodeIn(html: string): string[] {
  const findings: string[] = [];
  for (const tag of tagsOf(html)) {
    if (tag.name === 'script' && (!tag.attributes.has('src') || tag.body.trim() !== '')) {
      findings.push(`inline <script>: ${tag.body.trim().slice(0, 60)}`);
    }
    if (tag.name === 'style') findings.push('<style> element');
    for (const [attribute, value] of tag.attributes) {
      if (/^on\w+$/.test(attribute)) findings.push(`<${tag.name} ${attribute}=…>`);
      if (attribute === 'style') findings.push(`<${tag.name} style="${value}">`);
      if (/^\s*javascript:/i.test(value)) findings.push(`<${tag.name} ${attribute}="${value}">`);
    }
  }
  return findings;
}

const sourcePages = SERVICES.flatMap((service) => {
  const dir = path.join(repoRoot, 'apps', service, 'web');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.html'))
    .map((file) => path.join(dir, file));
});
// Pages in a folder of their own: [service, folder].
const SUBPAGES: [string, string][] = [['pass-service', 'driver']];
sourcePages.push(
  ...SUBPAGES.map(([service, dir]) =>
    path.join(repoRoot, 'apps', service, 'web', dir, 'index.html'),
  ),
);
const builtPages = [
  ...SERVICES.map((service) => path.join(repoRoot, 'dist', 'web', service, 'index.html')),
  ...SUBPAGES.map(([service, dir]) =>
    path.join(repoRoot, 'dist', 'web', service, dir, 'index.html'),
  ),
];
const relative = (file: string) => path.relative(repoRoot, file);

describe('the pages hold no code a strict Content-Security-Policy refuses', () => {
  beforeAll(() => {
    // `npm test` has built them; a single run of this file builds only the pages.
    if (builtPages.every(existsSync)) return;
    const build = spawnSync(process.execPath, ['scripts/build-pages.mjs'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`page build failed: ${build.stdout}${build.stderr}`);
  });

  it('reads what it is meant to refuse', () => {
    expect(
      inlineCodeIn(
        `<div onclick="x()" style="color:red"><a href="javascript:void 0">a</a></div>
         <script>alert(1)</script><script src="a.js"></script><style>p{}</style>
         <!-- <script>in a comment</script> -->`,
      ),
    ).toEqual([
      '<div onclick=…>',
      '<div style="color:red">',
      '<a href="javascript:void 0">',
      'inline <script>: alert(1)',
      '<style> element',
    ]);
    expect(inlineCodeIn('<script type="module" src="/x.js"></script>')).toEqual([]);
  });

  it.each([...sourcePages, ...builtPages].map((file) => [relative(file), file]))(
    '%s',
    (_name, file) => {
      const html = readFileSync(file, 'utf8');
      expect(html).toMatch(/<script[^>]+src=/);
      expect(inlineCodeIn(html)).toEqual([]);
    },
  );
});
