import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseTopicEvent, Topic } from '@app/contracts';
import ExcelJS from 'exceljs';
import { createHash, randomUUID } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { TopicReader } from '../../../test/support/topic-reader';
import { waitFor, withPg } from '../../../test/support/test-env';
import { BATCH_COLUMNS } from '../src/batches/batch-columns';
import {
  ADMIN,
  bearer,
  http,
  login,
  randomPlate,
  registerActiveEnterprise,
  staffToken,
  startPassService,
  type TestEnterprise,
} from './pass-harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DAY_MS = 86_400_000;
const HEADERS = BATCH_COLUMNS.map((c) => c.header);

interface RowError {
  field: string;
  column?: string;
  cell?: string;
  code: string;
  message: string;
}
interface RowView {
  row: number;
  status: string;
  plate: string;
  passId?: string;
  passNumber?: string;
  errors?: RowError[];
}
interface BatchBody {
  batchId: string;
  status: string;
  counts: Record<string, number>;
  rows: RowView[];
}

/** YYYY-MM-DD in Beijing time, `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);
}

/** A valid row in the template's column order, for a fresh plate. */
function goodRow(over: Partial<Record<(typeof BATCH_COLUMNS)[number]['field'], string>> = {}) {
  const values: Record<string, string> = {
    plate: randomPlate(),
    trailerPlate: '',
    driverName: '李师傅',
    driverPhone: '13912345678',
    cargoCategory: 'daily_necessities',
    cargoDescription: '蔬菜',
    tonnage: '12.5',
    originDivision: '410202',
    destinationDivision: '410102',
    validFrom: day(0),
    validUntil: day(2),
    ...over,
  };
  return BATCH_COLUMNS.map((c) => values[c.field]);
}

async function xlsxOf(rows: (string | ExcelJS.CellValue)[][], headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('rows');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** A response body as a Buffer (supertest leaves binary bodies to a parser). */
const binary = (
  res: { on: (e: string, f: (c?: Buffer) => void) => void },
  done: (e: Error | null, b?: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** A ZIP file of the given entries (name → content), deflated, with honest or lying sizes. */
function zipOf(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('pass-service: batch applications from a spreadsheet', () => {
  let app: NestFastifyApplication;
  let reader: TopicReader;
  let admin: string;
  let a: TestEnterprise;
  let b: TestEnterprise;

  beforeAll(async () => {
    app = await startPassService();
    reader = await new TopicReader(Topic.Pass).start();
    admin = await login(app, ADMIN.username, ADMIN.password);
    a = await registerActiveEnterprise(app, '410202');
    b = await registerActiveEnterprise(app, '410203');
  });

  afterAll(async () => {
    await reader?.stop();
    await app?.close();
  });

  const upload = (token: string, bytes: Buffer, filename: string, contentType = XLSX) =>
    http(app)
      .post('/v1/passes/batches')
      .set(bearer(token))
      .attach('file', bytes, { filename, contentType });

  const passCount = (enterpriseId: string) =>
    withPg(async (c) => {
      const { rows } = await c.query<{ n: string }>(
        'SELECT count(*) AS n FROM pass.passes WHERE enterprise_id = $1',
        [enterpriseId],
      );
      return Number(rows[0].n);
    });
  const batchCount = () =>
    withPg(async (c) =>
      Number(
        (await c.query<{ n: string }>('SELECT count(*) AS n FROM pass.pass_batches')).rows[0].n,
      ),
    );

  describe('the template', () => {
    it('has the Chinese headers, a sample row that applies as it is, and a generated code table', async () => {
      const res = await http(app)
        .get('/v1/passes/batches/template.xlsx')
        .set(bearer(a.token))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toBe(XLSX);
      const template = res.body as Buffer;
      const workbook = await readXlsx(template);
      const [sheet, codes] = workbook.worksheets;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
      expect(sheet.getRow(2).getCell(1).value).toBe('豫B12345');
      const codeRows = codes.getSheetValues().slice(2) as unknown[][];
      expect(codeRows.map((r) => r[1]).filter(Boolean)).toHaveLength(8);
      const kaifeng = codeRows.find((r) => r[5] === '410202');
      expect(kaifeng?.slice(5, 9)).toEqual(['410202', '河南省', '开封市', '龙亭区']);
      // Counties only: no province or city code is offered as a route end.
      expect(codeRows.some((r) => r[5] === '410200' || r[5] === '410000')).toBe(false);
      expect(codeRows.filter((r) => r[5]).length).toBeGreaterThan(2500);
      // Any signed-in user may fetch it; nobody else.
      const official = await staffToken(app, 'official', admin);
      await http(app).get('/v1/passes/batches/template.xlsx').set(bearer(official)).expect(200);
      await http(app).get('/v1/passes/batches/template.xlsx').expect(401);

      // The sample row (plate 豫B12345, from tomorrow) goes through as it is.
      const fresh = await registerActiveEnterprise(app, '410202');
      const applied = await upload(fresh.token, template, 'template.xlsx').expect(201);
      expect((applied.body as BatchBody).rows).toEqual([
        expect.objectContaining({ row: 2, status: 'issued', plate: '豫B12345' }),
      ]);
    });
  });

  describe('a 500-row workbook with 20 bad rows', () => {
    const bad: Record<
      number,
      { field: string; column: string; code: string; value: Record<string, string> }
    > = {};
    const kinds: { field: string; code: string; value: Record<string, string> }[] = [
      { field: 'plate', code: 'PLATE_INVALID', value: { plate: 'ABC123' } },
      { field: 'tonnage', code: 'TONNAGE_INVALID', value: { tonnage: '12.3456' } },
      { field: 'originDivision', code: 'DIVISION_UNKNOWN', value: { originDivision: '410200' } },
      { field: 'driverPhone', code: 'PHONE_INVALID', value: { driverPhone: '12345' } },
      { field: 'cargoCategory', code: 'CARGO_INVALID', value: { cargoCategory: '军火' } },
      { field: 'driverName', code: 'DRIVER_NAME_INVALID', value: { driverName: '' } },
      { field: 'validFrom', code: 'VALIDITY_INVALID', value: { validFrom: 'tomorrow' } },
      {
        field: 'destinationDivision',
        code: 'DIVISION_UNKNOWN',
        value: { destinationDivision: '999999' },
      },
    ];
    for (let i = 0; i < 20; i++) {
      const kind = kinds[i % kinds.length];
      const sheetRow = 2 + 7 + i * 24; // spread over the file
      bad[sheetRow] = {
        ...kind,
        column: BATCH_COLUMNS.find((c) => c.field === kind.field)!.header,
      };
    }
    let file: Buffer;
    let first: BatchBody;
    let passesBefore: number;

    // Every test below reads this one upload: it is made here, not by the first test.
    beforeAll(async () => {
      const rows = [];
      for (let r = 2; r <= 501; r++) rows.push(goodRow(bad[r]?.value));
      file = await xlsxOf(rows);
      passesBefore = await passCount(a.id);
      first = (await upload(a.token, file, '批量.xlsx').expect(201)).body as BatchBody;
    });

    it('issues 480 passes and answers each of the 20 bad rows with its cell and why', async () => {
      expect(first.rows).toHaveLength(500);
      expect(first.counts).toMatchObject({ rows: 500, issued: 480, invalid: 20, refused: 0 });
      const invalid = first.rows.filter((r) => r.status === 'invalid');
      expect(invalid.map((r) => r.row).sort((x, y) => x - y)).toEqual(
        Object.keys(bad)
          .map(Number)
          .sort((x, y) => x - y),
      );
      for (const row of invalid) {
        const expected = bad[row.row];
        const letter = String.fromCharCode(
          65 + BATCH_COLUMNS.findIndex((c) => c.field === expected.field),
        );
        expect(row.errors).toEqual([
          {
            field: expected.field,
            column: expected.column,
            cell: `${letter}${row.row}`,
            code: expected.code,
            message: expect.any(String),
          },
        ]);
        expect(row.passId).toBeUndefined();
      }
      const issued = first.rows.filter((r) => r.status === 'issued');
      expect(issued.every((r) => /^4102\d{8}$/.test(r.passNumber ?? ''))).toBe(true);
      expect(await passCount(a.id)).toBe(passesBefore + 480);

      // Each issued row is a real pass.issued event on Kafka.
      const numbers = new Set(issued.map((r) => r.passNumber));
      const passIds = new Set(issued.map((r) => r.passId));
      // The outbox relay publishes after the commit: wait until all 480 are on the topic. Only
      // these passes' messages are read: other suites leave poison messages on the shared topic.
      const announced = () =>
        new Set(
          reader.messages.flatMap((m) => {
            if (!passIds.has(m.key ?? '')) return [];
            const parsed = parseTopicEvent(Topic.Pass, JSON.parse(m.value));
            return parsed.ok &&
              parsed.event.type === 'pass.issued' &&
              numbers.has(parsed.event.data.passNumber)
              ? [parsed.event.data.passNumber]
              : [];
          }),
        ).size;
      await waitFor(() => announced() === 480, '480 pass.issued events');

      // One audit entry for the batch.
      const audit = await http(app)
        .get('/v1/audit?action=pass.batch-applied')
        .set(bearer(admin))
        .expect(200);
      const entries = (audit.body as { items: { target: { id: string }; details: unknown }[] })
        .items;
      expect(entries.filter((e) => e.target.id === first.batchId)).toEqual([
        expect.objectContaining({
          details: expect.objectContaining({ rows: 500, issued: 480, invalid: 20 }) as unknown,
        }),
      ]);
    });

    it('answers the same file again with the same batch and makes nothing new', async () => {
      const passes = await passCount(a.id);
      const batches = await batchCount();
      const again = await upload(a.token, file, 'renamed.xlsx').expect(200);
      expect(again.body).toEqual(first);
      expect(await passCount(a.id)).toBe(passes);
      expect(await batchCount()).toBe(batches);
      const read = await http(app)
        .get(`/v1/passes/batches/${first.batchId}`)
        .set(bearer(a.token))
        .expect(200);
      expect(read.body).toEqual(first);
    });

    it("words the row errors in the reader's language, codes unchanged", async () => {
      const zh = await http(app)
        .get(`/v1/passes/batches/${first.batchId}`)
        .set(bearer(a.token))
        .set('accept-language', 'zh-CN,zh;q=0.9,en;q=0.8')
        .expect(200);
      type Rows = { rows: { errors?: { code: string; cell: string; message: string }[] }[] };
      const errorsOf = (body: Rows) => body.rows.flatMap((r) => r.errors ?? []);
      const english = errorsOf(first as Rows);
      const chinese = errorsOf(zh.body as Rows);
      expect(chinese.map((e) => [e.code, e.cell])).toEqual(english.map((e) => [e.code, e.cell]));
      expect(chinese.length).toBeGreaterThan(0);
      for (const error of chinese) expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('gives the rows back as .xlsx with their status, pass number and errors', async () => {
      const res = await http(app)
        .get(`/v1/passes/batches/${first.batchId}/result.xlsx`)
        .set(bearer(a.token))
        .buffer(true)
        .parse(binary)
        .expect(200);
      const sheet = (await readXlsx(res.body as Buffer)).worksheets[0];
      const head = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(head.slice(0, HEADERS.length)).toEqual(HEADERS);
      expect(sheet.rowCount).toBe(501);
      const statusColumn = HEADERS.length + 2;
      const [badRow] = Object.keys(bad).map(Number);
      const line = sheet.getRow(badRow);
      expect(line.getCell(statusColumn).value).toMatch(/invalid/);
      expect(line.getCell(statusColumn + 2).text).toContain('PLATE_INVALID');
      const goodLine = sheet.getRow(2);
      expect(goodLine.getCell(statusColumn + 1).value).toBe(first.rows[0].passNumber);
    });

    it("is another enterprise's business: 404 for its batch id, and for staff", async () => {
      for (const path of [
        `/v1/passes/batches/${first.batchId}`,
        `/v1/passes/batches/${first.batchId}/result.xlsx`,
      ]) {
        const res = await http(app).get(path).set(bearer(b.token)).expect(404);
        expect(res.body).toMatchObject({ statusCode: 404, code: 'BATCH_NOT_FOUND' });
        await http(app).get(path).set(bearer(admin)).expect(404);
      }
      await http(app).get('/v1/passes/batches/not-a-uuid').set(bearer(a.token)).expect(404);
      // The same bytes from another enterprise are that enterprise's own batch.
      const theirs = await upload(b.token, file, 'x.xlsx').expect(201);
      expect((theirs.body as BatchBody).batchId).not.toBe(first.batchId);
      expect((theirs.body as BatchBody).counts).toMatchObject({ refused: 480, invalid: 20 });
      expect((theirs.body as BatchBody).rows[0].errors?.[0]).toMatchObject({
        code: 'PLATE_HELD_BY_OTHER',
        column: '车牌号',
      });
    });
  });

  it('makes one batch of two simultaneous uploads of the same file (the unique constraint decides)', async () => {
    const rows = Array.from({ length: 40 }, () => goodRow());
    const file = await xlsxOf(rows);
    const before = await passCount(a.id);
    const [one, two] = await Promise.all([
      upload(a.token, file, 'a.xlsx'),
      upload(a.token, file, 'b.xlsx'),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 201]);
    expect((one.body as BatchBody).batchId).toBe((two.body as BatchBody).batchId);
    expect((one.body as BatchBody).rows).toEqual((two.body as BatchBody).rows);
    expect(await passCount(a.id)).toBe(before + 40);
  });

  it('takes over a batch whose run died, without applying a row twice (per-row idempotency keys)', async () => {
    const rows = [goodRow(), goodRow()];
    const file = await xlsxOf(rows);
    const batchId = randomUUID();
    // A run that stopped after applying row 2: its batch is running, its claim long expired.
    await withPg((c) =>
      c.query(
        `INSERT INTO pass.pass_batches (id, enterprise_id, file_sha256, file_name, file_kind, headers,
           row_count, status, created_by, claimed_at)
         VALUES ($1, $2, $3, 'died.xlsx', 'xlsx', $4::jsonb, 2, 'running', $5, now() - interval '1 hour')`,
        [
          batchId,
          a.id,
          createHash('sha256').update(file).digest('hex'),
          JSON.stringify(HEADERS),
          randomUUID(),
        ],
      ),
    );
    const field = (f: string) => rows[0][BATCH_COLUMNS.findIndex((c) => c.field === f)];
    const earlier = await http(app)
      .post('/v1/passes')
      .set(bearer(a.token))
      .set('idempotency-key', `batch:${batchId}:2`)
      .send({
        plate: field('plate'),
        driverName: field('driverName'),
        driverPhone: field('driverPhone'),
        cargoCategory: field('cargoCategory'),
        cargoDescription: field('cargoDescription'),
        tonnage: field('tonnage'),
        originDivision: field('originDivision'),
        destinationDivision: field('destinationDivision'),
        validFrom: `${day(0)}T00:00:00+08:00`,
        validUntil: `${day(2)}T23:59:59+08:00`,
      })
      .expect(201);
    const before = await passCount(a.id);
    const res = await upload(a.token, file, 'again.xlsx').expect(200);
    const body = res.body as BatchBody;
    expect(body).toMatchObject({ batchId, status: 'done' });
    expect(body.rows.map((r) => r.status)).toEqual(['issued', 'issued']);
    expect(body.rows[0].passId).toBe((earlier.body as { id: string }).id);
    expect(await passCount(a.id)).toBe(before + 1);
  });

  it('reads a UTF-8 CSV with a BOM, Chinese names and cargo labels', async () => {
    const plate = randomPlate();
    const csv =
      '\ufeff' +
      [
        HEADERS.join(','),
        [
          plate,
          '',
          '张三',
          '139 1234 5678',
          '医疗防疫物资',
          '"口罩, 手套"',
          '3',
          '410202',
          '410102',
          day(0),
          day(1),
        ].join(','),
        [
          randomPlate(),
          '',
          '李四',
          '13912345678',
          '生活物资及食品',
          '',
          '5',
          '410202',
          '410102',
          `${day(1)} 08:00`,
          `${day(1)} 20:00`,
        ].join(','),
      ].join('\r\n');
    const res = await upload(a.token, Buffer.from(csv, 'utf8'), '批量.csv', 'text/csv').expect(201);
    const body = res.body as BatchBody;
    expect(body.rows.map((r) => [r.row, r.status, r.plate])).toEqual([
      [2, 'issued', plate],
      [3, 'issued', expect.any(String)],
    ]);
    const pass = await http(app)
      .get(`/v1/passes/${body.rows[0].passId}`)
      .set(bearer(a.token))
      .expect(200);
    expect(pass.body).toMatchObject({
      driverName: '张三',
      cargoCategory: 'medical',
      cargoDescription: '口罩, 手套',
      validFrom: new Date(`${day(0)}T00:00:00+08:00`).toISOString(),
      validUntil: new Date(`${day(1)}T23:59:59+08:00`).toISOString(),
    });
    const second = await http(app)
      .get(`/v1/passes/${body.rows[1].passId}`)
      .set(bearer(a.token))
      .expect(200);
    expect((second.body as { validFrom: string }).validFrom).toBe(
      new Date(`${day(1)}T08:00:00+08:00`).toISOString(),
    );
  });

  it("answers a conflict found while applying as that row's error, the first row of a plate winning", async () => {
    const twin = goodRow();
    const res = await upload(a.token, await xlsxOf([twin, goodRow(), twin]), 'twins.xlsx').expect(
      201,
    );
    const rows = (res.body as BatchBody).rows;
    expect(rows.map((r) => r.status)).toEqual(['issued', 'issued', 'refused']);
    expect(rows[2].errors).toEqual([
      expect.objectContaining({
        code: 'PASS_OVERLAPS',
        field: 'plate',
        cell: 'A4',
        message: expect.stringContaining('Row 2'),
      }),
    ]);
  });

  describe('hostile files', () => {
    it('refuses 501 rows whole with 422, applying nothing', async () => {
      const passes = await passCount(a.id);
      const batches = await batchCount();
      const file = await xlsxOf(Array.from({ length: 501 }, () => goodRow()));
      const res = await upload(a.token, file, 'big.xlsx').expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'BATCH_TOO_MANY_ROWS' });
      const csv = [
        HEADERS.join(','),
        ...Array.from({ length: 501 }, () => goodRow().join(',')),
      ].join('\n');
      const csvRes = await upload(a.token, Buffer.from(csv), 'big.csv', 'text/csv').expect(422);
      expect(csvRes.body).toMatchObject({ code: 'BATCH_TOO_MANY_ROWS' });
      expect(await passCount(a.id)).toBe(passes);
      expect(await batchCount()).toBe(batches);
    });

    it('refuses a 3 MB file with 413 in the JSON error format', async () => {
      const big = Buffer.alloc(3 * 1024 * 1024, 'a');
      const res = await upload(a.token, big, 'big.csv', 'text/csv');
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'BATCH_FILE_TOO_LARGE' });
    });

    it('refuses a ZIP that unpacks too far, whether its directory is honest or lies', async () => {
      const honest = zipOf([
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024, 0x20) },
      ]);
      expect(honest.length).toBeLessThan(2 * 1024 * 1024);
      const res = await upload(a.token, honest, 'bomb.xlsx').expect(400);
      expect(res.body).toMatchObject({ code: 'BATCH_FILE_INVALID' });
      const lying = zipOf([
        {
          name: 'xl/worksheets/sheet1.xml',
          data: Buffer.alloc(30 * 1024 * 1024, 0x20),
          declaredSize: 1000,
        },
      ]);
      const res2 = await upload(a.token, lying, 'liar.xlsx').expect(400);
      expect(res2.body).toMatchObject({ code: 'BATCH_FILE_INVALID' });
    });

    it('tells a renamed or foreign file apart: 400 for a fake .xlsx, 415 for another type', async () => {
      const fake = await upload(
        a.token,
        Buffer.from('plate,driver\n豫B12345,x'),
        'sheet.xlsx',
      ).expect(400);
      expect(fake.body).toMatchObject({ code: 'BATCH_FILE_INVALID' });
      const broken = await upload(
        a.token,
        zipOf([{ name: 'hello.txt', data: Buffer.from('hi') }]),
        'x.xlsx',
      ).expect(400);
      expect(broken.body).toMatchObject({ code: 'BATCH_FILE_INVALID' });
      const pdf = await upload(
        a.token,
        Buffer.from('%PDF-1.4 ...'),
        'x.pdf',
        'application/pdf',
      ).expect(415);
      expect(pdf.body).toMatchObject({ code: 'BATCH_FILE_TYPE_UNSUPPORTED' });
      const gbk = Buffer.from([0xb3, 0xb5, 0xc5, 0xc6, 0x0a, 0xd5, 0xc5]);
      const notUtf8 = await upload(a.token, gbk, 'gbk.csv', 'text/csv').expect(400);
      expect(notUtf8.body).toMatchObject({ code: 'BATCH_FILE_INVALID' });
      const json = await http(app)
        .post('/v1/passes/batches')
        .set(bearer(a.token))
        .send({ file: 'x' })
        .expect(415);
      expect(json.body).toMatchObject({ code: 'BATCH_NOT_MULTIPART' });
      const wrongField = await http(app)
        .post('/v1/passes/batches')
        .set(bearer(a.token))
        .attach('upload', Buffer.from('x'), 'x.csv')
        .expect(400);
      expect(wrongField.body).toMatchObject({ code: 'BATCH_FILE_MISSING' });
      // A body cut off before its closing boundary, then garbage (found by npm run hostile).
      const truncated = await http(app)
        .post('/v1/passes/batches')
        .set(bearer(a.token))
        .set('content-type', 'multipart/form-data; boundary=xyz')
        .send(
          '--xyz\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n' +
            'Content-Type: text/csv\r\n\r\nplate\r\n豫B12345\r\n\u0000\u00ff garbage',
        )
        .expect(400);
      expect(truncated.body).toMatchObject({ code: 'BATCH_UPLOAD_INVALID' });
      const noHeaders = await upload(
        a.token,
        Buffer.from('a,b\n1,2\n'),
        'x.csv',
        'text/csv',
      ).expect(400);
      expect(noHeaders.body).toMatchObject({ code: 'BATCH_HEADERS_MISSING' });
    });

    it('never writes a cell back as a formula, and reads a formula cell as its value', async () => {
      const injections = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-3+4', '@SUM(1)'];
      const rows: ExcelJS.CellValue[][] = injections.map((text) =>
        goodRow({ driverName: text, cargoDescription: text }),
      );
      const withFormula = goodRow();
      withFormula[BATCH_COLUMNS.findIndex((c) => c.field === 'tonnage')] = {
        formula: '10+2.5',
        result: 12.5,
      } as never;
      rows.push(withFormula);
      const res = await upload(a.token, await xlsxOf(rows), 'inject.xlsx').expect(201);
      const body = res.body as BatchBody;
      expect(body.rows).toHaveLength(5);
      expect(body.rows[4]).toMatchObject({ status: 'issued' });
      const result = await http(app)
        .get(`/v1/passes/batches/${body.batchId}/result.xlsx`)
        .set(bearer(a.token))
        .buffer(true)
        .parse(binary)
        .expect(200);
      const sheet = (await readXlsx(result.body as Buffer)).worksheets[0];
      const nameColumn = BATCH_COLUMNS.findIndex((c) => c.field === 'driverName') + 1;
      injections.forEach((text, i) => {
        const cell = sheet.getRow(i + 2).getCell(nameColumn);
        expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, text]);
      });
      expect(
        sheet.getRow(6).getCell(BATCH_COLUMNS.findIndex((c) => c.field === 'tonnage') + 1).value,
      ).toBe('12.5');
    });
  });
});
