import { EpassApi, type PassView } from '../shared/epass-api';
import { expectStatus } from '../shared/http-client';

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
  try {
    const probe = await api.pass.request('POST', '/v1/auth/login', {
      body: { username: ENTERPRISES[0].username, password },
    });
    if (probe.status === 200 || probe.status === 201) {
      say('demo data already there (npm start -- --no-demo skips this check).');
      printAccounts(say);
      return;
    }
    const admin = await api.login(env('ADMIN_USERNAME'), env('ADMIN_PASSWORD'));
    await api.createUser(admin, { username: 'demo-official', password, role: 'official' });
    for (const c of CHECKPOINTS) {
      await api.createCheckpoint(admin, {
        code: c.code,
        name: c.name,
        divisionCode: c.divisionCode,
      });
      await api.createUser(admin, {
        username: c.officer,
        password,
        role: 'officer',
        checkpointCode: c.code,
      });
    }
    const tokens: string[] = [];
    for (const e of ENTERPRISES) {
      await api.registerEnterprise({ ...e, password });
      tokens.push(await api.login(e.username, password));
    }
    const official = await api.login('demo-official', password);
    const officer = await api.login(CHECKPOINTS[0].officer, password);

    const now = Date.now();
    const window = (days: number) => ({
      validFrom: new Date(now).toISOString(),
      validUntil: new Date(now + days * DAY_MS).toISOString(),
    });
    const apply = (token: string, body: Parameters<EpassApi['applyForPass']>[1]) =>
      api.applyForPass(token, body);
    const base = { driverName: '张师傅', driverPhone: '13803780001', ...window(3) };
    const issued: { view: PassView; token: string }[] = [];
    const plates = ['豫B3K721', '豫B6M205', '豫BD30258', '豫B9T118', '豫B7Q606'];
    const cargo = [
      'daily_necessities',
      'agricultural',
      'medical',
      'industrial_raw_materials',
      'finished_goods',
    ] as const;
    for (const [i, plate] of plates.entries()) {
      const token = tokens[i % tokens.length];
      const view = await apply(token, {
        ...base,
        plate,
        cargoCategory: cargo[i],
        tonnage: ['18.5', '31.25', '4.8', '42', '26.7'][i],
        originDivision: ENTERPRISES[i % ENTERPRISES.length].divisionCode,
        destinationDivision: ['410102', '410105', '410202', '410306', '410225'][i],
      });
      issued.push({ view, token });
    }
    // Cross-province: one waits for review, one approved, one rejected.
    const cross = async (plate: string, destination: string) =>
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
    await api.approve(official, approved.id);
    expectStatus(
      await api.pass.request('POST', `/v1/passes/${rejected.id}/reject`, {
        body: { reason: '目的地物流园区暂停收货 destination hub closed' },
        token: official,
      }),
      [200, 201],
      'reject demo pass',
    );
    await api.revoke(issued[4].token, issued[4].view.id, '车辆检修 vehicle under repair');

    for (const [i, { view, token }] of issued.slice(0, 4).entries()) {
      const qr = view.token ?? (await api.getPass(token, view.id)).token;
      if (!qr) continue;
      await api.verifyPass(officer, {
        qr,
        checkpointCode: CHECKPOINTS[0].code,
        direction: 'entry',
      });
      if (i % 2 === 0)
        await api.verifyPass(officer, {
          qr,
          checkpointCode: CHECKPOINTS[0].code,
          direction: 'exit',
        });
    }
    const wrongPlate =
      issued[3].view.token ?? (await api.getPass(issued[3].token, issued[3].view.id)).token;
    if (wrongPlate) {
      await api.verifyPass(officer, {
        qr: wrongPlate,
        checkpointCode: CHECKPOINTS[0].code,
        direction: 'entry',
        observedPlate: '豫A12345',
      });
    }
    say('demo data seeded.');
    printAccounts(say);
  } finally {
    api.close();
  }
}

function printAccounts(say: (line: string) => void): void {
  say(`demo accounts (password in .local/secrets.json as DEMO_PASSWORD):`);
  say(`  enterprise  ${ENTERPRISES.map((e) => e.username).join(', ')}  → ${env('DEMO_PASS_URL')}/`);
  say(
    `  official    demo-official  → ${env('DEMO_PASS_URL')}/ (review queue), ${env('DEMO_REPORTING_URL')}/ (dashboard)`,
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
