// @ts-check
// `node scripts/build-pages.mjs` (part of `npm run build`): bundles and minifies each service's
// page with esbuild into dist/web/<service>/. The page's module and web/shared become one
// `<entry>-<hash>.js`, its two style sheets one `<entry>-<hash>.css`, the browser libraries are
// minified copies with hashed names, and every text file also gets .br and .gz siblings, so the
// services send them compressed without compressing at run time. libs/platform serves this folder
// when it exists (hashed files cached for a year, index.html and sw.js revalidated), else the
// sources in apps/<service>/web.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { log, root } from './lib/process.mjs';

const require = createRequire(import.meta.url);
/**
 * One page of a service: its module, style sheets, optional service worker, files served as they
 * are, pages of its own in subfolders, and the most its files may weigh together, brotli
 * compressed (the build fails above it).
 * @typedef {{ entry: string, styles: string[], serviceWorker?: string, copy?: string[],
 *   subpages?: (Page & { dir: string })[], brotliBudget?: number }} Page
 */
/** @type {Record<string, Page>} */
const PAGES = {
  'pass-service': {
    entry: 'portal',
    styles: ['portal.css'],
    // The driver's page (/driver/): its own bundle, worker, web app manifest and icons.
    subpages: [
      {
        dir: 'driver',
        entry: 'driver',
        styles: ['driver.css'],
        serviceWorker: 'sw.js',
        copy: ['manifest.webmanifest', 'icon-192.png', 'icon-512.png', 'icon-maskable-512.png'],
      },
    ],
  },
  // The scanner opens on a checkpoint phone over a weak link: 48 KB brotli with jsQR and lit-html.
  'verify-service': {
    entry: 'scanner',
    styles: ['scanner.css'],
    serviceWorker: 'sw.js',
    brotliBudget: 60 * 1024,
  },
  // Issue 18's budget: ECharts from echarts/core with only the parts the dashboard draws.
  'reporting-service': { entry: 'dashboard', styles: ['dashboard.css'], brotliBudget: 150 * 1024 },
};
/**
 * Browser libraries: copied minified, or bundled from an entry that picks the parts a page uses.
 * @type {Record<string, { file: string } | { entry: string }>}
 */
const VENDOR = {
  '/vendor/jsQR.js': { file: 'jsqr/dist/jsQR.js' },
  '/vendor/echarts.js': { entry: 'apps/reporting-service/web/echarts-parts.js' },
};
// What the pages use: ES modules with top-level await (the scanner), BigInt, optional chaining.
const TARGET = ['es2022'];
const shared = path.join(root, 'web', 'shared');

// The template library's browser build (the package's `node` export sits one level down).
const litHtml = path.resolve(path.dirname(require.resolve('lit-html')), '..');

/**
 * The pages import their shared code and the template library by URL (`/shared/common.js`,
 * `/vendor/lit-html/lit-html.js`); here they are web/shared and the lit-html package.
 * @type {import('esbuild').Plugin}
 */
const sharedByUrl = {
  name: 'shared-by-url',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\/shared\// }, (args) => ({
      path: path.join(shared, args.path.slice('/shared/'.length)),
    }));
    esbuild.onResolve({ filter: /^\/vendor\/lit-html\// }, (args) => ({
      path: path.join(litHtml, args.path.slice('/vendor/lit-html/'.length)),
    }));
  },
};

const hashOf = (/** @type {string | Uint8Array} */ content) =>
  createHash('sha256').update(content).digest('hex').slice(0, 10);

/** @param {(typeof VENDOR)[string]} vendor @returns {Promise<Uint8Array>} */
async function buildVendor(vendor) {
  if ('entry' in vendor) {
    const bundled = await build({
      entryPoints: [path.join(root, vendor.entry)],
      bundle: true,
      minify: true,
      format: 'iife',
      target: TARGET,
      write: false,
      legalComments: 'none',
    });
    return bundled.outputFiles[0].contents;
  }
  const code = readFileSync(require.resolve(vendor.file), 'utf8');
  return Buffer.from(
    (await transform(code, { minify: true, target: TARGET, legalComments: 'none' })).code,
  );
}

/**
 * @param {string} service
 * @param {Page} page
 * @param {string} [dir] the subfolder of a subpage
 */
async function buildPage(
  service,
  { entry, styles, serviceWorker, copy = [], subpages = [], brotliBudget },
  dir = '',
) {
  const source = path.join(root, 'apps', service, 'web', dir);
  const out = path.join(root, 'dist', 'web', service, dir);
  // A subpage is built into its page's folder, after it.
  if (!dir) rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  /** @type {Map<string, Uint8Array>} */
  const files = new Map();
  const emit = (/** @type {string} */ name, /** @type {Uint8Array} */ content) => {
    const [base, ext] = [path.basename(name, path.extname(name)), path.extname(name)];
    const hashed = `${base}-${hashOf(content)}${ext}`;
    files.set(hashed, content);
    return hashed;
  };

  const script = await build({
    entryPoints: [path.join(source, `${entry}.js`)],
    bundle: true,
    minify: true,
    format: 'esm',
    target: TARGET,
    write: false,
    legalComments: 'none',
    plugins: [sharedByUrl],
  });
  const css = await build({
    stdin: {
      contents: ['/shared/common.css', ...styles.map((s) => `./${s}`)]
        .map((file) => `@import ${JSON.stringify(file)};`)
        .join('\n'),
      resolveDir: source,
      loader: 'css',
    },
    bundle: true,
    minify: true,
    target: TARGET,
    write: false,
    plugins: [sharedByUrl],
  });
  /** @type {Record<string, string>} */
  const renamed = {
    [`${entry}.js`]: emit(`${entry}.js`, script.outputFiles[0].contents),
    css: emit(`${entry}.css`, css.outputFiles[0].contents),
  };
  let html = readFileSync(path.join(source, 'index.html'), 'utf8');
  for (const [url, vendor] of Object.entries(VENDOR)) {
    if (!html.includes(`"${url}"`)) continue;
    renamed[url] = emit(path.basename(url), await buildVendor(vendor));
  }

  // Both style sheets become one link; the scripts point at their hashed builds.
  html = html.replace(/\s*<link rel="stylesheet" href="[^"]+" \/>/g, '');
  html = html.replace('</title>', `</title>\n    <link rel="stylesheet" href="${renamed.css}" />`);
  html = html.replace(/src="([^"]+)"/g, (/** @type {string} */ match, /** @type {string} */ src) =>
    renamed[src] ? `src="${renamed[src]}"` : match,
  );
  for (const [, ref] of html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) {
    if (!files.has(ref)) throw new Error(`${service}/index.html still points at ${ref}`);
  }
  files.set('index.html', Buffer.from(html));
  // Files served as they are (a web app manifest, icons).
  for (const name of copy) files.set(name, readFileSync(path.join(source, name)));

  if (serviceWorker) {
    // The worker keeps exactly the files of this build, under a cache named after them.
    const base = dir ? `/${dir}/` : '/';
    const shell = [base, ...[...files.keys()].map((f) => `${base}${f}`)];
    const worker = readFileSync(path.join(source, serviceWorker), 'utf8')
      .replace(
        /const CACHE = '(epass-[a-z]+)-[^']*';/,
        (_, prefix) => `const CACHE = '${prefix}-${hashOf(shell.join())}';`,
      )
      .replace(/const SHELL = \[[\s\S]*?\];/, `const SHELL = ${JSON.stringify(shell)};`);
    files.set(serviceWorker, Buffer.from((await transform(worker, { minify: true })).code));
  }

  let total = { raw: 0, br: 0, gz: 0 };
  for (const [name, content] of files) {
    const br = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    const gz = gzipSync(content, { level: 9 });
    writeFileSync(path.join(out, name), content);
    writeFileSync(path.join(out, `${name}.br`), br);
    writeFileSync(path.join(out, `${name}.gz`), gz);
    total = { raw: total.raw + content.length, br: total.br + br.length, gz: total.gz + gz.length };
  }
  const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(0)} KB`;
  log(
    `pages: dist/web/${path.join(service, dir)} ${kb(total.raw)} (brotli ${kb(total.br)}, gzip ${kb(total.gz)})`,
  );
  sizes.push({ page: path.join(service, dir), ...total });
  if (brotliBudget !== undefined && total.br > brotliBudget) {
    throw new Error(
      `dist/web/${path.join(service, dir)} is ${kb(total.br)} brotli, over its budget of ${kb(brotliBudget)}`,
    );
  }
  for (const subpage of subpages) await buildPage(service, subpage, subpage.dir);
}

/**
 * Each page folder's files together, raw and compressed, in bytes: `npm start` prints them.
 * @type {{ page: string, raw: number, br: number, gz: number }[]}
 */
const sizes = [];
for (const [service, page] of Object.entries(PAGES)) await buildPage(service, page);
writeFileSync(
  path.join(root, 'dist', 'web', 'page-sizes.json'),
  `${JSON.stringify(sizes, null, 2)}\n`,
);
