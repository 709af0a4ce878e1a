import { createHash } from 'node:crypto';
import { EpassApi, type PassApplication, type PassView } from '../shared/epass-api';
import { expectStatus, type HttpClient } from '../shared/http-client';

/**
 * `npm start` runs this once the services answer: a small Kaifeng demo through the services' own
 * APIs, so a new user lands on a living system. It is skipped when the demo accounts exist.
 */
const DAY_MS = 86_400_000;

interface DemoEnterprise {
  username: string;
  name: string;
  creditCode: string;
  divisionCode: string;
}

/** Credit codes with valid GB 32100-2015 check characters. */
const ENTERPRISES: DemoEnterprise[] = [
  {
    username: 'demo-songcheng',
    name: '开封宋城物流有限公司',
    creditCode: '91410202MA00000010',
    divisionCode: '410202',
  },
  {
    username: 'demo-lankao',
    name: '兰考县农资供销有限公司',
    creditCode: '91410225MA0000002D',
    divisionCode: '410225',
  },
  {
    username: 'demo-xiangfu',
    name: '祥符区医药配送有限公司',
    creditCode: '91410212MA0000003M',
    divisionCode: '410212',
  },
];

const CHECKPOINTS = [
  {
    code: 'KF-G310-E',
    name: '开封G310东检查站',
    divisionCode: '410202',
    officer: 'demo-officer-g310',
  },
  {
    code: 'KF-LK-01',
    name: '兰考高速口检查站',
    divisionCode: '410225',
    officer: 'demo-officer-lankao',
  },
];

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (scripts/start.mjs sets it)`);
  return value;
}

async function main(): Promise<void> {
  const api = new EpassApi({
    pass: env('DEMO_PASS_URL'),
    verify: env('DEMO_VERIFY_URL'),
    reporting: env('DEMO_REPORTING_URL'),
  });
  const password = env('DEMO_PASSWORD');
  const say = (line: string) => process.stdout.write(`[epass] ${line}\n`);
  // Every step is idempotent (409 means "already there", passes carry an Idempotency-Key, scans
  // a fixed clientScanId), so a start interrupted half-way completes the demo on the next one
  // and a complete demo is left as it is.
  const post = async (client: HttpClient, path: string, body: unknown, token?: string) =>
    expectStatus(
      await client.request('POST', path, { body, token, idempotent: true }),
      [200, 201, 409],
      `demo ${path}`,
    );
  try {
    if (await demoComplete(api, password)) {
      say('demo data already there.');
      printAccounts(say);
      return;
    }
    const admin = await api.login(env('ADMIN_USERNAME'), env('ADMIN_PASSWORD'));
    await post(
      api.pass,
      '/v1/users',
      // Kaifeng's transport bureau: it reviews and reports on the city's enterprises and passes.
      { username: 'demo-official', password, role: 'official', divisionScope: '410200' },
      admin,
    );
    // Guangzhou's: sees nothing of Kaifeng's enterprises, passes or audit entries.
    await post(
      api.pass,
      '/v1/users',
      { username: 'demo-official-gz', password, role: 'official', divisionScope: '440100' },
      admin,
    );
    for (const c of CHECKPOINTS) {
      await post(
        api.verify,
        '/v1/checkpoints',
        { code: c.code, name: c.name, divisionCode: c.divisionCode },
        admin,
      );
      await post(
        api.pass,
        '/v1/users',
        { username: c.officer, password, role: 'officer', checkpointCode: c.code },
        admin,
      );
    }
    const tokens: string[] = [];
    for (const e of ENTERPRISES) {
      await post(api.pass, '/v1/enterprises', {
        ...e,
        contactName: '张经理',
        contactPhone: '13803780001',
        password,
      });
      tokens.push(await api.login(e.username, password));
    }
    await approveDemoEnterprises(api, admin);
    const official = await api.login('demo-official', password);
    const officer = await api.login(CHECKPOINTS[0].officer, password);

    // Today's local midnight: the same body all day, so a retried seeding replays its passes.
    const midnight = Date.parse(`${localDate(new Date())}T00:00:00+08:00`);
    const base = {
      driverName: '张师傅',
      driverPhone: '13803780001',
      validFrom: new Date(midnight).toISOString(),
      validUntil: new Date(midnight + 3 * DAY_MS).toISOString(),
    };
    const apply = (token: string, body: PassApplication) =>
      api.applyForPass(
        token,
        body,
        `demo-${createHash('sha256').update(body.plate).digest('hex').slice(0, 24)}`,
      );
    const issued: { view: PassView; token: string }[] = [];
    const plates = ['豫B3K721', '豫B6M205', '豫BD30258', '豫B9T118', '豫B7Q606'];
    const cargo = [
      'daily_necessities',
      'agricultural',
      'medical',
      'industrial_raw_materials',
      'finished_goods',
    ] as const;
    const destinations = ['410102', '410105', '410202', '410302', '410225'];
    for (const [i, plate] of plates.entries()) {
      const token = tokens[i % tokens.length];
      const view = await apply(token, {
        ...base,
        plate,
        cargoCategory: cargo[i],
        tonnage: ['18.5', '31.25', '4.8', '42', '26.7'][i],
        originDivision: ENTERPRISES[i % ENTERPRISES.length].divisionCode,
        destinationDivision: destinations[i],
      });
      issued.push({ view, token });
    }
    // Cross-province: one waits for review, one approved, one rejected.
    const cross = (plate: string, destination: string) =>
      apply(tokens[0], {
        ...base,
        plate,
        cargoCategory: 'energy',
        tonnage: '29.9',
        originDivision: '410202',
        destinationDivision: destination,
      });
    await cross('豫B5H330', '320102');
    const approved = await cross('豫B2L912', '370102');
    const rejected = await cross('豫B8N447', '420102');
    await post(api.pass, `/v1/passes/${approved.id}/approve`, undefined, official);
    await post(
      api.pass,
      `/v1/passes/${rejected.id}/reject`,
      { reason: '目的地物流园区暂停收货 destination hub closed' },
      official,
    );
    await post(
      api.pass,
      `/v1/passes/${issued[4].view.id}/revoke`,
      { reason: '车辆检修 vehicle under repair' },
      issued[4].token,
    );

    const scan = async (
      n: number,
      qr: string,
      direction: 'entry' | 'exit',
      observedPlate?: string,
    ) =>
      api.verifyPass(officer, {
        clientScanId: demoScanId(n),
        qr,
        checkpointCode: CHECKPOINTS[0].code,
        direction,
        ...(observedPlate ? { observedPlate } : {}),
      });
    for (const [i, { view }] of issued.slice(0, 4).entries()) {
      if (!view.token) continue;
      await scan(2 * i, view.token, 'entry');
      if (i % 2 === 0) await scan(2 * i + 1, view.token, 'exit');
    }
    const wrongPlate = issued[3].view.token;
    if (wrongPlate) await scan(100, wrongPlate, 'entry', '豫A12345');
    say('demo data ready.');
    printAccounts(say);
  } finally {
    api.close();
  }
}

/**
 * A new registration is pending review, and all its applications would wait for an official:
 * the admin approves the demo's enterprises (those an earlier, interrupted seeding approved are
 * no longer pending and are left as they are).
 */
async function approveDemoEnterprises(api: EpassApi, admin: string): Promise<void> {
  interface Page {
    items: { id: string; creditCode: string }[];
    nextCursor: string | null;
  }
  const demo = new Set(ENTERPRISES.map((e) => e.creditCode));
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const page: Page = expectStatus(
      await api.pass.request<Page>(
        'GET',
        `/v1/enterprises?status=pending_review&limit=200${query}`,
        {
          token: admin,
        },
      ),
      200,
      'demo: enterprises pending review',
    ).body;
    for (const enterprise of page.items)
      if (demo.has(enterprise.creditCode)) await api.approveEnterprise(admin, enterprise.id);
    cursor = page.nextCursor;
  } while (cursor);
}

/** The scans are the last step: when the demo officer has any, the demo is complete. */
async function demoComplete(api: EpassApi, password: string): Promise<boolean> {
  const login = await api.pass.request<{ accessToken: string }>('POST', '/v1/auth/login', {
    body: { username: CHECKPOINTS[0].officer, password },
  });
  if (login.status !== 200) return false;
  const scans = await api.verify.request<{ items: unknown[] }>('GET', '/v1/verifications?limit=1', {
    token: login.body.accessToken,
  });
  return scans.status === 200 && scans.body.items.length > 0;
}

function localDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

/** A fixed UUID per demo scan, so a second seeding records nothing twice. */
function demoScanId(n: number): string {
  const hex = createHash('sha256').update(`epass-demo-scan-${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function printAccounts(say: (line: string) => void): void {
  say(`demo accounts (password in .local/secrets.json as DEMO_PASSWORD):`);
  say(`  enterprise  ${ENTERPRISES.map((e) => e.username).join(', ')}  → ${env('DEMO_PASS_URL')}/`);
  say(
    `  official    demo-official (Kaifeng 410200), demo-official-gz (Guangzhou 440100)  → ${env('DEMO_PASS_URL')}/ (review queue), ${env('DEMO_REPORTING_URL')}/ (dashboard)`,
  );
  say(
    `  officer     ${CHECKPOINTS.map((c) => c.officer).join(', ')}  → ${env('DEMO_VERIFY_URL')}/`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[epass] demo seeding failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
