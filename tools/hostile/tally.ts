import { SERVICES, type ServiceName } from './openapi';

export type FailureKind =
  | 'no generator'
  | 'seed refused'
  | '5xx'
  | 'no answer'
  | 'auth bypass'
  | 'innocent failed'
  | 'rule violated'
  | 'token attack failed'
  | 'error format'
  | 'unfinished';

export interface Failure {
  kind: FailureKind;
  service: ServiceName;
  what: string;
  detail: string;
  /** Failures with the same group print as one line, counted (a rule broken by many rows). */
  group?: string;
}

interface ServiceCounts {
  sent: number;
  s2xx: number;
  s3xx: number;
  s4xx: number;
  s5xx: number;
  noAnswer: number;
  /** Refused by this side's HTTP client (a header byte Node will not send): not a request. */
  notSent: number;
  /** Bodies over the limit whose connection the server closed before answering. */
  cutOff: number;
  /** Oversized HEAD requests whose answer (Node's own 431, with a body) could not be parsed. */
  unreadable: number;
  authBypass: number;
  errorFormat: number;
  innocentOk: number;
  innocentFailed: number;
  rulesChecked: number;
  ruleViolations: number;
  attacksPassed: number;
  attacksFailed: number;
}

const empty = (): ServiceCounts => ({
  sent: 0,
  s2xx: 0,
  s3xx: 0,
  s4xx: 0,
  s5xx: 0,
  noAnswer: 0,
  notSent: 0,
  cutOff: 0,
  unreadable: 0,
  authBypass: 0,
  errorFormat: 0,
  innocentOk: 0,
  innocentFailed: 0,
  rulesChecked: 0,
  ruleViolations: 0,
  attacksPassed: 0,
  attacksFailed: 0,
});

/** Every count the run prints, and every failure with enough detail to reproduce it. */
export class Tally {
  readonly counts: Record<ServiceName, ServiceCounts> = {
    'pass-service': empty(),
    'verify-service': empty(),
    'reporting-service': empty(),
  };
  readonly failures: Failure[] = [];
  /** Checks that held, for the closing "N passed, N failed" line. */
  private passedChecks = 0;
  readonly operations = new Map<string, { service: ServiceName; sent: number; s5xx: number }>();

  fail(
    kind: FailureKind,
    service: ServiceName,
    what: string,
    detail: string,
    group?: string,
  ): void {
    this.failures.push({ kind, service, what, detail, group });
  }

  pass(): void {
    this.passedChecks += 1;
  }

  /** Whether a check (an operation, a table, an attack) has failed so far. */
  hasFailed(service: ServiceName, what: string): boolean {
    return this.failures.some((f) => f.service === service && f.what === what);
  }

  authBypass(service: ServiceName, what: string, detail: string): void {
    this.counts[service].authBypass += 1;
    this.fail('auth bypass', service, what, detail);
  }

  /** An error answer whose body is not `{ statusCode, code, message }`, the status repeated. */
  badErrorBody(service: ServiceName, what: string, detail: string): void {
    this.counts[service].errorFormat += 1;
    this.fail('error format', service, what, detail);
  }

  /** A connection the server dropped on a body over its limit: its right, not a failure. */
  unreadable(service: ServiceName): void {
    this.counts[service].unreadable += 1;
  }

  cutOff(service: ServiceName): void {
    this.counts[service].cutOff += 1;
  }

  notSent(service: ServiceName): void {
    this.counts[service].notSent += 1;
  }

  rows(service: ServiceName, checked: number, violating: number): void {
    this.counts[service].rulesChecked += checked;
    this.counts[service].ruleViolations += violating;
  }

  answered(service: ServiceName, operation: string, status: number): void {
    const c = this.counts[service];
    c.sent += 1;
    if (status >= 500) c.s5xx += 1;
    else if (status >= 400) c.s4xx += 1;
    else if (status >= 300) c.s3xx += 1;
    else c.s2xx += 1;
    const op = this.operationOf(service, operation);
    op.sent += 1;
    if (status >= 500) op.s5xx += 1;
  }

  unanswered(service: ServiceName, operation: string): void {
    this.counts[service].sent += 1;
    this.counts[service].noAnswer += 1;
    this.operationOf(service, operation).sent += 1;
  }

  private operationOf(service: ServiceName, operation: string) {
    const key = `${service} ${operation}`;
    let op = this.operations.get(key);
    if (!op) {
      op = { service, sent: 0, s5xx: 0 };
      this.operations.set(key, op);
    }
    return op;
  }

  innocent(service: ServiceName, ok: boolean, what: string, detail: string): void {
    if (ok) this.counts[service].innocentOk += 1;
    else {
      this.counts[service].innocentFailed += 1;
      this.fail('innocent failed', service, what, detail);
    }
  }

  attack(service: ServiceName, name: string, passed: boolean, detail: string): void {
    if (passed) {
      this.counts[service].attacksPassed += 1;
      this.pass();
    } else {
      this.counts[service].attacksFailed += 1;
      this.fail('token attack failed', service, name, detail);
    }
  }

  /** The closing table, the failures by kind (the first few of each) and the "N passed, N failed" line. */
  print(say: (line: string) => void, elapsedSeconds: number): void {
    const header = [
      'service',
      'sent',
      '2xx',
      '3xx',
      '4xx',
      '5xx',
      'no answer',
      'auth bypass',
      'bad error body',
      'innocent ok/failed',
      'rows checked/violating',
      'token attacks passed/failed',
    ];
    const rows = SERVICES.map((service) => {
      const c = this.counts[service];
      return [
        service,
        c.sent,
        c.s2xx,
        c.s3xx,
        c.s4xx,
        c.s5xx,
        c.noAnswer,
        c.authBypass,
        c.errorFormat,
        `${c.innocentOk}/${c.innocentFailed}`,
        `${c.rulesChecked}/${c.ruleViolations}`,
        `${c.attacksPassed}/${c.attacksFailed}`,
      ].map(String);
    });
    const total = (pick: (c: ServiceCounts) => number) =>
      SERVICES.reduce((sum, s) => sum + pick(this.counts[s]), 0);
    rows.push([
      'total',
      ...[
        (c: ServiceCounts) => c.sent,
        (c: ServiceCounts) => c.s2xx,
        (c: ServiceCounts) => c.s3xx,
        (c: ServiceCounts) => c.s4xx,
        (c: ServiceCounts) => c.s5xx,
        (c: ServiceCounts) => c.noAnswer,
        (c: ServiceCounts) => c.authBypass,
        (c: ServiceCounts) => c.errorFormat,
      ].map((f) => String(total(f))),
      `${total((c) => c.innocentOk)}/${total((c) => c.innocentFailed)}`,
      `${total((c) => c.rulesChecked)}/${total((c) => c.ruleViolations)}`,
      `${total((c) => c.attacksPassed)}/${total((c) => c.attacksFailed)}`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) =>
      cells
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ');
    say('');
    say(line(header));
    for (const row of rows) say(line(row));
    const notSent = total((c) => c.notSent);
    if (notSent > 0) say(`(${notSent} cases were refused by this side's HTTP client and not sent)`);
    const cutOff = total((c) => c.cutOff);
    if (cutOff > 0)
      say(`(${cutOff} bodies over the size limit were cut off by the service, as it may)`);
    const unreadable = total((c) => c.unreadable);
    if (unreadable > 0)
      say(
        `(${unreadable} answers to oversized HEAD requests carried a body and could not be read)`,
      );
    say('');

    const byKind = new Map<FailureKind, Failure[]>();
    for (const f of this.failures) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
    for (const [kind, list] of byKind) {
      say(`FAILED ${kind}: ${list.length}`);
      const distinct = dedupe(list);
      for (const f of distinct.slice(0, 40)) say(`  ${f.service} ${f.what}: ${f.detail}`);
      if (distinct.length > 40) say(`  … and ${distinct.length - 40} more`);
    }
    const failedChecks = new Set(this.failures.map((f) => `${f.kind} ${f.service} ${f.what}`)).size;
    say(
      this.failures.length === 0
        ? `no 5xx, no innocent failure, no rule broken, every token attack refused (${elapsedSeconds.toFixed(0)} s)`
        : `${this.failures.length} failures in ${failedChecks} checks (${elapsedSeconds.toFixed(0)} s)`,
    );
    say(`hostile: ${this.passedChecks} passed, ${failedChecks} failed`);
  }
}

/** One line per distinct (service, what, first words of the detail), the repeats counted. */
function dedupe<F extends Omit<Failure, 'kind'>>(list: F[]): F[] {
  const seen = new Map<string, { failure: F; n: number }>();
  for (const f of list) {
    const key = f.group ?? `${f.service} ${f.what} ${f.detail.slice(0, 60)}`;
    const entry = seen.get(key);
    if (entry) entry.n += 1;
    else seen.set(key, { failure: f, n: 1 });
  }
  return [...seen.values()].map(({ failure, n }) =>
    n === 1 ? failure : { ...failure, detail: `${failure.detail} (×${n})` },
  );
}
