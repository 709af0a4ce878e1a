import { CHECKPOINTS, VerifyHarness } from './verify-harness';

describe('verify-service: checkpoints registry', () => {
  const harness = new VerifyHarness();

  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  it('registers a checkpoint with its corridor and location, and lists it', async () => {
    const created = await harness
      .post(
        '/v1/checkpoints',
        {
          code: 'CP-HB-G4',
          name: '石家庄 G4 检查站',
          divisionCode: '130100',
          corridorDivisions: ['110000', '410200'],
          latitude: 38.04,
          longitude: 114.51,
        },
        harness.admin,
      )
      .expect(201);
    expect(created.body).toMatchObject({
      code: 'CP-HB-G4',
      divisionCode: '130100',
      divisionName: '河北省 石家庄市',
      corridorDivisions: ['110000', '410200'],
      latitude: 38.04,
    });
    const list = await harness.get('/v1/checkpoints', harness.officer()).expect(200);
    expect((list.body as { items: { code: string }[] }).items.map((c) => c.code)).toEqual(
      expect.arrayContaining(['CP-HB-G4', CHECKPOINTS.kaifeng.code]),
    );
  });

  it('serves a Kaifeng → Beijing pass at a Hebei checkpoint only through its corridor', async () => {
    const token = harness.officer('CP-HB-G4');
    const qr = harness.qr({ o: '410205', d: '110101', x: 1 });
    const res = await harness
      .verify({ qr, checkpointCode: 'CP-HB-G4', direction: 'entry' }, token)
      .expect(200);
    expect(res.body).toMatchObject({ verdict: 'accepted', routeMatch: 'corridor' });
  });

  it('refuses unknown divisions, duplicates, bad bodies and non-admins with stable codes', async () => {
    const base = { code: 'CP-NEW', name: 'x', divisionCode: '410205' };
    const cases: [unknown, number, string][] = [
      [{ ...base, divisionCode: '419999' }, 400, 'DIVISION_UNKNOWN'],
      [{ ...base, divisionCode: '41' }, 400, 'DIVISION_UNKNOWN'],
      [{ ...base, corridorDivisions: ['999999'] }, 400, 'DIVISION_UNKNOWN'],
      [{ ...base, latitude: 34.1 }, 400, 'LOCATION_INCOMPLETE'],
      [{ ...base, code: 'has space' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, name: ' ' }, 400, 'CHECKPOINT_NAME_INVALID'],
      [{ ...CHECKPOINTS.kaifeng }, 409, 'CHECKPOINT_EXISTS'],
    ];
    for (const [body, status, code] of cases) {
      const res = await harness.post('/v1/checkpoints', body, harness.admin);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
    }
    const exists = await harness.post('/v1/checkpoints', CHECKPOINTS.kaifeng, harness.admin);
    expect(exists.body.message).not.toContain(CHECKPOINTS.kaifeng.code);
    await harness.post('/v1/checkpoints', base, harness.officer()).expect(403);
    await harness.post('/v1/checkpoints', base, null).expect(401);
  });

  it('refuses a checkpoint name with a right-to-left override, BEL or other controls, storing nothing', async () => {
    const names = [
      '检查站\u202e\u0007', // the example: U+202E and BEL
      '\u2066开封\u2069',
      '开封\u0085站',
      '开封\u200f站',
      '开封\ud800站',
    ];
    for (const [i, name] of names.entries()) {
      const code = `CP-HOSTILE-${i}`;
      const res = await harness
        .post('/v1/checkpoints', { code, name, divisionCode: '410205' }, harness.admin)
        .expect(400);
      expect({ name, code: res.body.code }).toEqual({ name, code: 'TEXT_INVALID' });
      expect(res.body.message).toMatch(/^name: /);
      expect(JSON.stringify(res.body)).not.toContain('开封');
    }
    const list = await harness.get('/v1/checkpoints', harness.admin).expect(200);
    const codes = (list.body as { items: { code: string }[] }).items.map((c) => c.code);
    expect(codes.filter((c) => c.startsWith('CP-HOSTILE'))).toEqual([]);
  });
});
