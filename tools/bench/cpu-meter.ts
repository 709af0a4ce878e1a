import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where a phase's CPU went, per operation: each service, PostgreSQL (all its processes), the
 * Kafka broker and the load generator itself. On a 2-core machine that runs all of them, the
 * sum says how many operations per second the machine can carry at most, whatever is tuned.
 */
export interface CpuShare {
  /** CPU milliseconds per operation, by process group. */
  perOperationMs: Record<string, number>;
  totalPerOperationMs: number;
  /** Operations per second if the whole machine did only this: cores × 1000 / total. */
  machineCeilingPerSecond: number;
}

/** Linux clock ticks per second (USER_HZ); 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

function ticksOf(pid: string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

function pidsWhere(match: (comm: string, cmdline: string) => boolean): string[] {
  const pids: string[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (match(comm, cmdline)) pids.push(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/**
 * A client backend ("postgres: 15/main: user db 127.0.0.1(5000) idle") or an autovacuum worker
 * names its database; the server's shared processes name none and count for every database.
 */
function servesDatabase(cmdline: string, databaseName: string): boolean {
  const title = `${cmdline.replace(/\0/g, ' ')} `;
  const namesADatabase = /autovacuum worker |\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(title);
  return !namesADatabase || title.includes(` ${databaseName} `);
}

export class CpuMeter {
  private readonly groups: Record<string, () => string[]>;

  constructor(
    servicePids: Record<string, string>,
    private readonly cores: number,
    kafkaStateDir: string | undefined,
    databaseName: string,
  ) {
    this.groups = {
      ...Object.fromEntries(Object.entries(servicePids).map(([name, pid]) => [name, () => [pid]])),
      // Backends come and go with the pools; a backend that ended mid-phase is missed (small).
      // The bench database's backends and the server's shared processes (WAL writer,
      // checkpointer): backends of other databases on a shared server are someone else's work.
      postgres: () =>
        pidsWhere((comm, cmdline) => comm === 'postgres' && servesDatabase(cmdline, databaseName)),
      kafka: () =>
        pidsWhere(
          (comm, cmdline) =>
            comm === 'java' &&
            cmdline.includes('kafka.Kafka') &&
            (!kafkaStateDir || cmdline.includes(kafkaStateDir)),
        ),
      'load generator': () => [String(process.pid)],
    };
  }

  private sample(): Map<string, Map<string, number>> {
    return new Map(
      Object.entries(this.groups).map(([group, pids]) => [
        group,
        new Map(pids().map((pid) => [pid, ticksOf(pid)])),
      ]),
    );
  }

  /** Runs the phase and divides each group's CPU by the phase's operations. */
  async measure<T>(
    operations: (result: T) => number,
    phase: () => Promise<T>,
  ): Promise<{ result: T; cpu: CpuShare }> {
    const before = this.sample();
    const result = await phase();
    const after = this.sample();
    const count = Math.max(1, operations(result));
    const perOperationMs: Record<string, number> = {};
    for (const [group, pids] of after) {
      let ticks = 0;
      for (const [pid, end] of pids) ticks += end - (before.get(group)?.get(pid) ?? 0);
      perOperationMs[group] = (ticks * 1000) / TICKS_PER_SECOND / count;
    }
    const totalPerOperationMs = Object.values(perOperationMs).reduce((a, b) => a + b, 0);
    return {
      result,
      cpu: {
        perOperationMs,
        totalPerOperationMs,
        machineCeilingPerSecond: (this.cores * 1000) / totalPerOperationMs,
      },
    };
  }
}
