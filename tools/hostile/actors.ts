import { randomUUID } from 'node:crypto';
import type { EpassApi, PassApplication, PassView } from '../shared/epass-api';
import { creditCodeFor, plateFor } from '../shared/fixtures';

const DAY_MS = 86_400_000;

/** Kaifeng's counties and a Beijing district: every pass here is on a Kaifeng checkpoint's route. */
export const COUNTIES = {
  hostileEnterprise: '410202',
  innocentEnterprise: '410205',
  destination: '410212',
  crossProvince: '110101',
  city: '410200',
} as const;

export interface IssuedPass {
  id: string;
  qr: string;
  plate: string;
}

export interface Officer {
  token: string;
  username: string;
  checkpointCode: string;
}

/**
 * Everyone a run needs, made through the public API. The hostile side attacks with its own
 * accounts; the innocent side (another enterprise, another checkpoint and its officer) only does
 * ordinary work, which must keep succeeding while the attacks run.
 */
export interface Actors {
  runId: string;
  adminToken: string;
  password: string;
  hostile: {
    enterpriseId: string;
    enterpriseToken: string;
    officialToken: string;
    /** A user the login seed logs in as. */
    loginUsername: string;
    officer: Officer;
    /** A second officer at the same checkpoint, and one at another (clientScanId reuse). */
    sameCheckpointOfficer: Officer;
    otherCheckpointOfficer: Officer;
    /** Issued passes for reads and scans. */
    passes: IssuedPass[];
    /** Issued passes the revoke seeds take. */
    revocable: IssuedPass[];
    /** Cross-province passes waiting for review, for the approve and reject seeds. */
    pending: string[];
  };
  innocent: {
    enterpriseToken: string;
    officialToken: string;
    officer: Officer;
    passes: IssuedPass[];
  };
  /** Fresh unique numbers for plates, credit codes and names. */
  next(): number;
  /** A valid credit code no enterprise has yet. */
  creditCode(): string;
  application(index: number, overrides?: Partial<PassApplication>): PassApplication;
}

/**
 * `offsets` keep one run's plates and credit codes apart from another's on the same stack:
 * plates from `plates` on (up to 10,000 a run), credit codes from `creditCodes` (up to 1,000).
 */
export async function createActors(
  api: EpassApi,
  admin: { username: string; password: string },
  runId: string,
  offsets: { plates: number; creditCodes: number },
): Promise<Actors> {
  let counter = 0;
  const next = () => ++counter;
  let credits = 0;
  const password = `Hostile-${runId}-pw1`;
  const creditCode = () => creditCodeFor(offsets.creditCodes + ++credits, COUNTIES.city);
  const now = Date.now();
  const application = (
    index: number,
    overrides: Partial<PassApplication> = {},
  ): PassApplication => ({
    plate: plateFor(offsets.plates + index),
    driverName: '王师傅',
    driverPhone: '13912345678',
    cargoCategory: 'medical',
    cargoDescription: '口罩与防护服',
    tonnage: '12.5',
    originDivision: COUNTIES.hostileEnterprise,
    destinationDivision: COUNTIES.destination,
    validFrom: new Date(now).toISOString(),
    validUntil: new Date(now + 2 * DAY_MS).toISOString(),
    ...overrides,
  });

  const adminToken = await api.login(admin.username, admin.password);
  const enterprise = async (tag: string, division: string) => {
    const username = `hostile-${runId}-${tag}`;
    // Active, so that its applications are issued at once (a new one is pending review).
    const { id } = await api.registerActiveEnterprise(adminToken, {
      name: `开封${tag}物流${runId}有限公司`,
      creditCode: creditCode(),
      divisionCode: division,
      username,
      password,
    });
    return { id, token: await api.login(username, password) };
  };
  const user = async (
    tag: string,
    role: 'official' | 'officer' | 'admin',
    checkpointCode?: string,
  ) => {
    const username = `hostile-${runId}-${tag}`;
    await api.createUser(adminToken, { username, password, role, checkpointCode });
    return { username, token: await api.login(username, password) };
  };
  const checkpoint = async (tag: string): Promise<string> => {
    const code = `HOSTILE-${runId}-${tag}`;
    await api.createCheckpoint(adminToken, {
      code,
      name: `开封${tag}检查站`,
      divisionCode: COUNTIES.city,
    });
    return code;
  };
  const officer = async (tag: string, checkpointCode: string): Promise<Officer> => {
    const { username, token } = await user(tag, 'officer', checkpointCode);
    return { username, token, checkpointCode };
  };
  const issue = async (token: string, overrides: Partial<PassApplication>): Promise<IssuedPass> => {
    const filled = application(next(), overrides);
    const view = await api.applyForPass(token, filled, randomUUID());
    return { id: view.id, qr: await tokenOf(api, token, view), plate: filled.plate };
  };

  const hostileEnterprise = await enterprise('h', COUNTIES.hostileEnterprise);
  const innocentEnterprise = await enterprise('i', COUNTIES.innocentEnterprise);
  const official = await user('official', 'official');
  const loginUser = await user('login', 'official');
  const innocentOfficial = await user('innocent-official', 'official');
  const hostileCheckpoint = await checkpoint('H1');
  const otherCheckpoint = await checkpoint('H2');
  const innocentCheckpoint = await checkpoint('I');

  const hostilePasses: IssuedPass[] = [];
  for (let i = 0; i < 6; i++) hostilePasses.push(await issue(hostileEnterprise.token, {}));
  const revocable: IssuedPass[] = [];
  for (let i = 0; i < 8; i++) revocable.push(await issue(hostileEnterprise.token, {}));
  const pending: string[] = [];
  for (let i = 0; i < 8; i++) {
    const view = await api.applyForPass(
      hostileEnterprise.token,
      application(next(), { destinationDivision: COUNTIES.crossProvince }),
    );
    if (view.status !== 'pending_review')
      throw new Error(`a cross-province pass should wait for review, got ${view.status}`);
    pending.push(view.id);
  }
  const innocentPasses: IssuedPass[] = [];
  for (let i = 0; i < 10; i++) {
    innocentPasses.push(
      await issue(innocentEnterprise.token, { originDivision: COUNTIES.innocentEnterprise }),
    );
  }

  return {
    runId,
    adminToken,
    password,
    hostile: {
      enterpriseId: hostileEnterprise.id,
      enterpriseToken: hostileEnterprise.token,
      officialToken: official.token,
      loginUsername: loginUser.username,
      officer: await officer('o1', hostileCheckpoint),
      sameCheckpointOfficer: await officer('o1b', hostileCheckpoint),
      otherCheckpointOfficer: await officer('o2', otherCheckpoint),
      passes: hostilePasses,
      revocable,
      pending,
    },
    innocent: {
      enterpriseToken: innocentEnterprise.token,
      officialToken: innocentOfficial.token,
      officer: await officer('oi', innocentCheckpoint),
      passes: innocentPasses,
    },
    next,
    creditCode,
    application,
  };
}

export async function tokenOf(api: EpassApi, token: string, view: PassView): Promise<string> {
  if (view.token) return view.token;
  const full = await api.getPass(token, view.id);
  if (!full.token) throw new Error(`pass ${view.id} has no token (status ${full.status})`);
  return full.token;
}
