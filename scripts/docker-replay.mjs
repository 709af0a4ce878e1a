// @ts-check
// `node scripts/docker-replay.mjs [--node=image|host] [--keep]`: builds the image the way a
// container engine would, without one. Each stage of the Dockerfile gets a folder of its own that
// stands for the container's `/`; it holds only what the stage's COPY lines bring in (from the
// build context minus .dockerignore, or from an earlier stage), and each RUN runs there with the
// stage's ENV and ARG values. Then the runtime stage is laid out once per service and started with
// its CMD: the image's HEALTHCHECK must pass, and /health/live and /health/ready must answer.
//
//   --node=image   (default) the Node major of the Dockerfile's FROM lines, fetched as the npm
//                  package `node` when the host runs another one; npm is the host's npm-cli.js
//   --node=host    this machine's node
//   --keep         leave the folders (printed) for a look
//
// The services connect to DATABASE_URL (default postgres://postgres@127.0.0.1:5432/epass_replay,
// dropped and made afresh) and KAFKA_BROKERS (default: a port where nothing listens, so the check
// also shows which service is ready without Kafka). A RUN that prints npm's EBADENGINE fails the
// replay. What it cannot model: the base image's own files (only node and npm are provided),
// absolute paths inside RUN commands, and USER (files are not chowned).
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { log, root, sleep } from './lib/process.mjs';
import { recreateDatabase } from './lib/stack.mjs';

const args = process.argv.slice(2);
const nodeMode = args.find((a) => a.startsWith('--node='))?.slice('--node='.length) ?? 'image';
const keep = args.includes('--keep');
const SERVICES = ['pass-service', 'verify-service', 'reporting-service'];

// ---- the Dockerfile ---------------------------------------------------------------------------

/** @typedef {{ op: string, text: string, line: number }} Instruction */
/** @typedef {{ name: string, from: string, instructions: Instruction[] }} Stage */

/**
 * Instructions as { op, text, line }, continuation lines joined and comment lines dropped.
 * @param {string} source
 */
function parseDockerfile(source) {
  /** @type {Instruction[]} */
  const instructions = [];
  /** @type {Instruction | undefined} */
  let current;
  source.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && !current)) return;
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1) : line;
    if (current) current.text += ` ${body.trim()}`;
    else {
      const match = /^(\w+)\s+(.*)$/.exec(body);
      if (!match) throw new Error(`Dockerfile line ${index + 1}: cannot read "${raw}"`);
      current = { op: match[1].toUpperCase(), text: match[2].trim(), line: index + 1 };
    }
    if (!continued) {
      instructions.push(current);
      current = undefined;
    }
  });
  return instructions;
}

/**
 * `$NAME`, `${NAME}` and `${NAME:-default}`, as Docker expands them in ENV, ARG, COPY, FROM…
 * @param {string} text
 * @param {Record<string, string | undefined>} vars
 */
function expand(text, vars) {
  /** @type {(match: string, braced?: string, fallback?: string, bare?: string) => string} */
  const replace = (_, braced, fallback, bare) => {
    const value = vars[braced ?? bare ?? ''];
    return value !== undefined && value !== '' ? value : (fallback ?? '');
  };
  return text.replace(/\$(?:\{(\w+)(?::-([^}]*))?\}|(\w+))/g, replace);
}

/**
 * `A=b C="d e"` (or the old `A b` form) into pairs.
 * @param {string} text
 * @returns {[string, string][]}
 */
function keyValues(text) {
  if (!text.includes('=')) {
    const [key, ...rest] = text.split(/\s+/);
    return [[key, rest.join(' ')]];
  }
  /** @type {[string, string][]} */
  const pairs = [];
  for (const match of text.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    const value = match[2].startsWith('"')
      ? /** @type {string} */ (JSON.parse(match[2]))
      : match[2];
    pairs.push([match[1], value]);
  }
  return pairs;
}

/**
 * The exec form of CMD, RUN or HEALTHCHECK (`["node", "main.js"]`), undefined for the shell form.
 * @param {string} text
 * @returns {string[] | undefined}
 */
function execForm(text) {
  if (!text.startsWith('[')) return undefined;
  /** @type {unknown} */
  const words = JSON.parse(text);
  return /** @type {string[]} */ (words);
}

/**
 * Stages in order: { name, from, instructions }, plus the ARGs declared before the first FROM.
 * @param {Instruction[]} instructions
 */
function stagesOf(instructions) {
  /** @type {Record<string, string>} */
  const globalArgs = {};
  /** @type {Stage[]} */
  const stages = [];
  for (const instruction of instructions) {
    if (instruction.op === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.text);
      if (!match) throw new Error(`Dockerfile line ${instruction.line}: FROM ${instruction.text}`);
      const from = expand(match[1], globalArgs);
      stages.push({ name: match[2] ?? String(stages.length), from, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.op !== 'ARG') throw new Error(`${instruction.op} before the first FROM`);
      for (const [key, value] of keyValues(instruction.text)) globalArgs[key] = value;
    } else stages[stages.length - 1].instructions.push(instruction);
  }
  return { globalArgs, stages };
}

// ---- the build context: the repository minus .dockerignore ------------------------------------

/** Docker's matcher: `*` and `?` within a path segment, `**` across them, a match on a parent
 * directory covers everything under it, `!` re-includes, and the last matching line wins. */
function dockerignore() {
  const file = path.join(root, '.dockerignore');
  const rules = (existsSync(file) ? readFileSync(file, 'utf8') : '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = path.posix.normalize(negate ? l.slice(1).trim() : l).replace(/^\/+/, '');
      return { negate, regex: globRegex(pattern) };
    });
  const hasNegation = rules.some((r) => r.negate);
  const ignored = (/** @type {string} */ rel) => {
    const parts = rel.split('/');
    let result = false;
    for (const rule of rules) {
      for (let i = 1; i <= parts.length; i++) {
        if (rule.regex.test(parts.slice(0, i).join('/'))) {
          result = !rule.negate;
          break;
        }
      }
    }
    return result;
  };
  return { ignored, hasNegation };
}
/** @typedef {ReturnType<typeof dockerignore>} BuildContext */

/** @param {string} pattern */
function globRegex(pattern) {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

// ---- laying out files ---------------------------------------------------------------------------

/**
 * @param {string} source
 * @param {string} target
 * @param {BuildContext} context
 * @returns {number} the files copied
 */
function copyFromContext(source, target, context) {
  const rel = path.relative(root, source).split(path.sep).join('/');
  if (rel && context.ignored(rel) && !context.hasNegation) return 0;
  const stat = lstatSync(source);
  if (stat.isDirectory()) {
    mkdirSync(target, { recursive: true });
    let count = 0;
    for (const entry of readdirSync(source))
      count += copyFromContext(path.join(source, entry), path.join(target, entry), context);
    return count;
  }
  if (rel && context.ignored(rel)) return 0;
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(source, target, { verbatimSymlinks: true });
  return 1;
}

/**
 * A stage's files as hard links (the replay never writes into a file an earlier stage made).
 * @param {string} source
 * @param {string} target
 */
function linkTree(source, target) {
  mkdirSync(path.dirname(target), { recursive: true });
  const result = spawnSync('cp', ['-al', source, target], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`cp -al ${source} ${target} failed`);
}

/**
 * The sources of a COPY, wildcards expanded in their last segment; a missing one is an error.
 * @param {string} sourceRoot
 * @param {string[]} patterns
 * @param {BuildContext | undefined} context undefined for a COPY --from an earlier stage
 * @param {Instruction} instruction
 */
function resolveSources(sourceRoot, patterns, context, instruction) {
  /** @type {string[]} */
  const found = [];
  for (const pattern of patterns) {
    const full = path.join(sourceRoot, pattern);
    const dir = path.dirname(full);
    const base = path.basename(full);
    const names = /[*?[]/.test(base)
      ? existsSync(dir)
        ? readdirSync(dir).filter((n) => globRegex(base).test(n))
        : []
      : existsSync(full)
        ? [base]
        : [];
    const visible = names
      .map((n) => path.join(dir, n))
      .filter(
        (p) => !context || !context.ignored(path.relative(root, p).split(path.sep).join('/')),
      );
    if (visible.length === 0) {
      const why = context ? 'not in the build context (missing, or left out by .dockerignore)' : '';
      throw new Error(
        `Dockerfile line ${instruction.line}: COPY ${pattern}: ${why || 'not found'}`,
      );
    }
    found.push(...visible);
  }
  return found;
}

// ---- node and npm -----------------------------------------------------------------------------

/**
 * A bin folder whose node is the wanted version and whose npm/npx run on it.
 * @param {number} major
 * @param {string} work
 */
function toolchain(major, work) {
  const hostMajor = Number(process.versions.node.split('.')[0]);
  let nodePath = process.execPath;
  if (nodeMode === 'image' && major !== hostMajor) {
    log(`docker-replay: fetching Node ${major} (the npm package node@${major})…`);
    const result = spawnSync(
      'npm',
      ['exec', '--yes', `--package=node@${major}`, '--', 'node', '-p', 'process.execPath'],
      { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (result.status !== 0) throw new Error(`could not fetch node@${major}`);
    const lines = result.stdout.trim().split('\n');
    nodePath = lines[lines.length - 1];
  }
  const npmCli = realpathSync(
    spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim(),
  );
  const npxCli = path.join(path.dirname(npmCli), 'npx-cli.js');
  const bin = path.join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(nodePath, path.join(bin, 'node'));
  writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\nexec "${nodePath}" "${npmCli}" "$@"\n`, {
    mode: 0o755,
  });
  writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\nexec "${nodePath}" "${npxCli}" "$@"\n`, {
    mode: 0o755,
  });
  const version = spawnSync(nodePath, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return { bin, version };
}

// ---- running a stage --------------------------------------------------------------------------

/** @param {string} bin */
function baseEnv(bin) {
  // The host's environment (its proxy and CA settings reach the registry as an engine's build
  // network would), less what npm sets for a script it runs; node and npm are the chosen ones.
  const host = Object.entries(process.env).filter(
    ([key]) => !/^npm_/i.test(key) && !['NODE_ENV', 'INIT_CWD', 'NODE_OPTIONS'].includes(key),
  );
  return { ...Object.fromEntries(host), PATH: `${bin}:${process.env.PATH}` };
}

/**
 * @param {string[]} argv
 * @param {{ cwd: string, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ code: number | null, output: string }>}
 */
function runLogged(argv, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * What a stage leaves behind: its folder, and its ENV, ARG values, WORKDIR, CMD and HEALTHCHECK.
 * @typedef {{ dir: string, state: { env: Record<string, string>, args: Record<string, string>,
 *   workdir: string, cmd: string[] | undefined, healthcheck: string[] | undefined } }} BuiltStage
 */

/**
 * Replays one stage into `<work>/<stage>`; returns its final ENV, WORKDIR, CMD and HEALTHCHECK.
 * @param {Stage} stage
 * @param {{ work: string, stageDirs: Map<string, BuiltStage>, globalArgs: Record<string, string>,
 *   buildArgs: Record<string, string>, context: BuildContext, bin: string }} options
 * @returns {Promise<BuiltStage>}
 */
async function replayStage(stage, { work, stageDirs, globalArgs, buildArgs, context, bin }) {
  const dir = path.join(work, `stage-${stage.name}`);
  rmSync(dir, { recursive: true, force: true });
  /** @type {BuiltStage['state']} */
  const state = { env: {}, args: {}, workdir: '/', cmd: undefined, healthcheck: undefined };
  const parent = stageDirs.get(stage.from);
  if (parent) {
    linkTree(parent.dir, dir);
    Object.assign(state, structuredClone({ ...parent.state }));
  } else {
    if (!/^node:/.test(stage.from))
      throw new Error(`FROM ${stage.from}: only node images are modelled`);
    mkdirSync(dir, { recursive: true });
  }
  const vars = () => ({ ...state.args, ...state.env });
  const inside = (/** @type {string} */ p) => path.join(dir, path.posix.resolve(state.workdir, p));
  for (const instruction of stage.instructions) {
    const text = instruction.text;
    switch (instruction.op) {
      case 'ARG':
        for (const [key, fallback] of keyValues(text)) {
          const given =
            buildArgs[key] ?? (fallback === '' && key in globalArgs ? globalArgs[key] : undefined);
          state.args[key] = given ?? expand(fallback, vars());
        }
        break;
      case 'ENV':
        for (const [key, value] of keyValues(text)) state.env[key] = expand(value, vars());
        break;
      case 'WORKDIR':
        state.workdir = path.posix.resolve(state.workdir, expand(text, vars()));
        mkdirSync(inside('.'), { recursive: true });
        break;
      case 'COPY': {
        const words = execForm(text) ?? text.split(/\s+/);
        /** @type {Record<string, string | undefined>} */
        const flags = Object.fromEntries(
          words
            .filter((w) => w.startsWith('--'))
            .map((w) => /** @type {[string, string | undefined]} */ (w.slice(2).split('='))),
        );
        const paths = words.filter((w) => !w.startsWith('--')).map((w) => expand(w, vars()));
        const dest = paths.pop();
        if (dest === undefined)
          throw new Error(`Dockerfile line ${instruction.line}: COPY without a destination`);
        const fromStage = flags.from && stageDirs.get(flags.from);
        if (flags.from && !fromStage) throw new Error(`COPY --from=${flags.from}: no such stage`);
        const sourceRoot = fromStage ? fromStage.dir : root;
        const sources = resolveSources(
          sourceRoot,
          paths,
          fromStage ? undefined : context,
          instruction,
        );
        const target = inside(dest);
        const intoDir = dest.endsWith('/') || sources.length > 1;
        for (const source of sources) {
          const isDir = lstatSync(source).isDirectory();
          const to = isDir || !intoDir ? target : path.join(target, path.basename(source));
          if (fromStage) linkTree(source, to);
          else copyFromContext(source, to, context);
        }
        break;
      }
      case 'RUN': {
        const argv = execForm(text) ?? ['sh', '-c', text];
        log(`docker-replay: [${stage.name}] RUN ${text}`);
        const env = { ...baseEnv(bin), ...state.args, ...state.env };
        const { code, output } = await runLogged(argv, { cwd: inside('.'), env });
        if (code !== 0)
          throw new Error(`Dockerfile line ${instruction.line}: RUN failed (exit ${code})`);
        if (/EBADENGINE/.test(output))
          throw new Error(
            `Dockerfile line ${instruction.line}: a dependency does not support this Node (EBADENGINE)`,
          );
        break;
      }
      case 'CMD':
        state.cmd = execForm(text) ?? ['sh', '-c', text];
        break;
      case 'HEALTHCHECK': {
        const match = /CMD\s+(.*)$/.exec(text);
        state.healthcheck = match ? (execForm(match[1]) ?? ['sh', '-c', match[1]]) : undefined;
        break;
      }
      case 'USER':
      case 'EXPOSE':
      case 'LABEL':
        break;
      default:
        throw new Error(`Dockerfile line ${instruction.line}: ${instruction.op} is not modelled`);
    }
  }
  return { dir, state };
}

// ---- starting the image -----------------------------------------------------------------------

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      // Listening on a TCP port, the address is always an AddressInfo (a string is a pipe's).
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {string} url
 * @returns {Promise<{ status: number, body: unknown }>}
 */
async function getJson(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return {
      status: res.status,
      body: /** @type {unknown} */ (await res.json().catch(() => ({}))),
    };
  } catch (error) {
    return { status: 0, body: { error: String(error) } };
  }
}

/**
 * A service's image, laid out: the runtime stage built with its SERVICE and PORT.
 * @typedef {BuiltStage & { service: string, port: number, cmd: string[], healthcheck: string[] }}
 *   Runtime
 */

/**
 * Runs the HEALTHCHECK command until it exits 0, as the engine would (every second here).
 * @param {Runtime} runtime
 * @param {NodeJS.ProcessEnv} env
 * @param {number} timeoutMs
 */
async function healthy(runtime, env, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const result = spawnSync(runtime.healthcheck[0], runtime.healthcheck.slice(1), {
      cwd: path.join(runtime.dir, runtime.state.workdir),
      env,
      stdio: 'ignore',
      timeout: 5000,
    });
    if (result.status === 0) return true;
    await sleep(1000);
  }
  return false;
}

/**
 * Starts each service from its image folder with its CMD and reads its health.
 * @param {Runtime[]} runtimes
 * @param {{ bin: string, kafkaBrokers: string, databaseUrl: string }} options
 */
async function startImages(runtimes, { bin, kafkaBrokers, databaseUrl }) {
  const ports = Object.fromEntries(runtimes.map((r) => [r.service, r.port]));
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  /** @type {{ service: string, up: boolean, live: { status: number }, ready: { status: number }, output: string }[]} */
  const results = [];
  try {
    for (const runtime of runtimes) {
      const env = {
        ...baseEnv(bin),
        ...runtime.state.args,
        ...runtime.state.env,
        // The image listens on 0.0.0.0; here nothing beyond this machine needs to reach it.
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: kafkaBrokers,
        RUN_MIGRATIONS: 'true',
        PASS_SERVICE_URL: `http://127.0.0.1:${ports['pass-service']}`,
        KEY_ENCRYPTION_SECRET: 'docker-replay-secret-0123456789',
        ADMIN_PASSWORD: 'docker-replay-password',
        LOG_LEVEL: 'warn',
      };
      const [command, ...rest] = runtime.cmd;
      const child = spawn(command, rest, {
        cwd: path.join(runtime.dir, runtime.state.workdir),
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (/** @type {Buffer} */ c) => (output += c.toString()));
      child.stderr.on('data', (/** @type {Buffer} */ c) => (output += c.toString()));
      children.push(child);
      const up = await healthy(runtime, env, 90_000);
      const base = `http://127.0.0.1:${runtime.port}`;
      const live = await getJson(`${base}/health/live`);
      const ready = await getJson(`${base}/health/ready`);
      results.push({ service: runtime.service, up, live, ready, output });
      log(
        `docker-replay: ${runtime.service}: HEALTHCHECK ${up ? 'passes' : 'FAILS'}; /health/live ${live.status}; /health/ready ${ready.status} ${JSON.stringify(checksOf(ready.body))}`,
      );
      if (!up) process.stdout.write(output.slice(-4000));
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) =>
        c.exitCode === null ? new Promise((r) => c.once('close', r)) : Promise.resolve(),
      ),
    );
  }
  return results;
}

/**
 * The `checks` of a /health answer, or the whole answer when it has none.
 * @param {unknown} body
 */
function checksOf(body) {
  return typeof body === 'object' && body !== null && 'checks' in body ? body.checks : body;
}

// ---- main -------------------------------------------------------------------------------------

async function main() {
  const { globalArgs, stages } = stagesOf(
    parseDockerfile(readFileSync(path.join(root, 'Dockerfile'), 'utf8')),
  );
  const majors = new Set(
    stages
      .filter((s) => !stages.some((o) => o.name === s.from))
      .map((s) => Number(/^node:(\d+)/.exec(s.from)?.[1])),
  );
  if (majors.size !== 1 || majors.has(NaN))
    throw new Error(`the FROM lines name no single node:<major> image`);
  const [major] = majors;
  const work = mkdtempSync(path.join(os.tmpdir(), 'epass-docker-replay-'));
  const started = Date.now();
  try {
    const { bin, version } = toolchain(major, work);
    log(`docker-replay: in ${work} with Node ${version} (the image's FROM: node ${major})`);
    const context = dockerignore();
    /** @type {Map<string, BuiltStage>} */
    const stageDirs = new Map();
    const target = stages[stages.length - 1];
    const runtimeArgs = new Set(
      target.instructions
        .filter((i) => i.op === 'ARG')
        .flatMap((i) => keyValues(i.text).map(([k]) => k)),
    );
    for (const stage of stages.slice(0, -1)) {
      const declared = stage.instructions
        .filter((i) => i.op === 'ARG')
        .flatMap((i) => keyValues(i.text).map(([k]) => k));
      if (declared.some((a) => runtimeArgs.has(a)))
        throw new Error(
          `stage ${stage.name} declares a per-service ARG; the replay builds it only once`,
        );
      stageDirs.set(
        stage.name,
        await replayStage(stage, { work, stageDirs, globalArgs, buildArgs: {}, context, bin }),
      );
    }
    /** @type {Runtime[]} */
    const runtimes = [];
    for (const service of SERVICES) {
      const port = await freePort();
      const runtime = await replayStage(
        { ...target, name: `${target.name}-${service}` },
        {
          work,
          stageDirs,
          globalArgs,
          buildArgs: { SERVICE: service, PORT: String(port) },
          context,
          bin,
        },
      );
      const { cmd, healthcheck } = runtime.state;
      if (!cmd || !healthcheck) throw new Error('the runtime stage has no CMD or HEALTHCHECK');
      runtimes.push({ ...runtime, service, port, cmd, healthcheck });
    }
    log(
      `docker-replay: built in ${((Date.now() - started) / 1000).toFixed(0)} s; starting each service from its image folder`,
    );
    const databaseUrl =
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/epass_replay';
    await recreateDatabase(databaseUrl);
    const kafkaBrokers = process.env.KAFKA_BROKERS ?? `127.0.0.1:${await freePort()}`;
    const withoutKafka = process.env.KAFKA_BROKERS === undefined;
    const results = await startImages(runtimes, { bin, kafkaBrokers, databaseUrl });
    /** @type {string[]} */
    const failures = [];
    for (const { service, up, live, ready } of results) {
      if (!up) failures.push(`${service}: the image's HEALTHCHECK never passed`);
      if (live.status !== 200) failures.push(`${service}: /health/live answered ${live.status}`);
      // Without a broker pass-service and verify-service still do their job (their events wait
      // in the outbox); reporting-service, which applies the events, is not ready. With one, all are.
      const wantReady = withoutKafka && service === 'reporting-service' ? 503 : 200;
      if (ready.status !== wantReady)
        failures.push(`${service}: /health/ready answered ${ready.status}, want ${wantReady}`);
    }
    if (failures.length) throw new Error(failures.join('\n'));
    log(
      `docker-replay: the image builds and runs on Node ${version} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  } finally {
    if (keep) log(`docker-replay: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(
    `docker-replay: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
