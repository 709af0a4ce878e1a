import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topic } from '@app/contracts';
import { ZH_ERROR_MESSAGES } from '@app/platform';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  ADMIN,
  application,
  bearer,
  login,
  registerActiveEnterprise,
  type TestEnterprise,
} from '../../apps/pass-service/test/pass-harness';
import { skipConsumerGroupToEnd } from '../support/consumer-groups';
import { serviceApps } from '../support/service-apps';
import { dropSchema } from '../support/test-env';

const CJK = /[\u4e00-\u9fff]/;
const zh = (code: string) => ZH_ERROR_MESSAGES[code] as string;

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

/**
 * An API error's message follows Accept-Language on all three services: Chinese for a client that
 * prefers zh (any zh, weighed by q-values), English otherwise and by default; the code and the
 * status never change, and a malformed or huge header is ignored, never an error.
 */
describe('API errors in the reader’s language, on all three services', () => {
  let pass: NestFastifyApplication;
  let verify: NestFastifyApplication;
  let reporting: NestFastifyApplication;
  let admin: string;
  let enterprise: TestEnterprise;

  beforeAll(async () => {
    await dropSchema('pass');
    await dropSchema('verify');
    await dropSchema('reporting');
    await skipConsumerGroupToEnd('verify-service', [Topic.Pass]);
    await skipConsumerGroupToEnd('reporting-service', [Topic.Pass, Topic.Checkpoint]);
    pass = await serviceApps.pass({
      LOGIN_MAX_FAILURES_PER_IP: '10000',
      REGISTRATION_MAX_PER_IP: '10000',
    });
    await pass.listen(0, '127.0.0.1');
    const passUrl = `http://127.0.0.1:${(pass.getHttpServer().address() as AddressInfo).port}`;
    verify = await serviceApps.verify({ PASS_SERVICE_URL: passUrl });
    reporting = await serviceApps.reporting({ PASS_SERVICE_URL: passUrl });
    admin = await login(pass, ADMIN.username, ADMIN.password);
    enterprise = await registerActiveEnterprise(pass, '410202');
  });

  afterAll(async () => {
    await reporting?.close();
    await verify?.close();
    await pass?.close();
  });

  type Call = (language: string | undefined) => Promise<{ status: number; body: ErrorBody }>;

  const send = (
    app: () => NestFastifyApplication,
    method: 'get' | 'post',
    path: string,
    options: { token?: () => string; body?: unknown } = {},
  ): Call => {
    return async (language) => {
      let req = request(app().getHttpServer())[method](path);
      if (options.token) req = req.set(bearer(options.token()));
      if (language !== undefined) req = req.set('accept-language', language);
      const res = options.body === undefined ? await req : await req.send(options.body as object);
      return { status: res.status, body: res.body as ErrorBody };
    };
  };

  /** Asked in English, in Chinese and with no header: same status and code, the right language. */
  async function inBothLanguages(call: Call) {
    const none = await call(undefined);
    const en = await call('en-US,en;q=0.9');
    const chinese = await call('zh-CN,zh;q=0.9,en;q=0.8');
    expect(en.status).toBe(none.status);
    expect(chinese.status).toBe(none.status);
    expect(en.body).toEqual(none.body);
    expect(chinese.body.code).toBe(none.body.code);
    expect(chinese.body.statusCode).toBe(none.body.statusCode);
    expect(chinese.body.message).toMatch(CJK);
    expect(chinese.body.message).not.toBe(none.body.message);
    return { en: none.body, zh: chinese.body };
  }

  describe('pass-service', () => {
    it('translates a refusal of the guard', async () => {
      const { en, zh: chinese } = await inBothLanguages(send(() => pass, 'get', '/v1/passes'));
      expect(en.code).toBe('UNAUTHENTICATED');
      expect(chinese.message).toBe(zh('UNAUTHENTICATED'));
    });

    it('names each refused field of a validation error, with the same code', async () => {
      const { en, zh: chinese } = await inBothLanguages(
        send(() => pass, 'post', '/v1/passes', {
          token: () => enterprise.token,
          body: { ...application(), plate: 'not a plate', driverName: '' },
        }),
      );
      expect(en.code).toBe('PLATE_INVALID');
      expect(chinese.message).toBe(
        `plate：${zh('PLATE_INVALID')}driverName：${zh('DRIVER_NAME_INVALID')}`,
      );
      const unknown = await inBothLanguages(
        send(() => pass, 'post', '/v1/passes', {
          token: () => enterprise.token,
          body: { ...application(), nonsense: 1 },
        }),
      );
      expect(unknown.en.code).toBe('UNKNOWN_FIELD');
      expect(unknown.zh.message).toBe(zh('UNKNOWN_FIELD'));
    });

    it('keeps the specifics of the English message (a limit, a status)', async () => {
      const tonnage = await inBothLanguages(
        send(() => pass, 'post', '/v1/passes', {
          token: () => enterprise.token,
          body: application({ tonnage: '150' }),
        }),
      );
      expect(tonnage.en).toMatchObject({
        code: 'TONNAGE_INVALID',
        message: expect.stringContaining('100 tons'),
      });
      expect(tonnage.zh.message).toBe('吨位：每张通行证最多 100 吨。');

      const issued = await request(pass.getHttpServer())
        .post('/v1/passes')
        .set(bearer(enterprise.token))
        .send(application())
        .expect(201);
      const cancel = await inBothLanguages(
        send(() => pass, 'post', `/v1/passes/${(issued.body as { id: string }).id}/cancel`, {
          token: () => enterprise.token,
          body: {},
        }),
      );
      expect(cancel.en).toMatchObject({ code: 'PASS_STATE_CONFLICT' });
      expect(cancel.zh.message).toBe('状态为「已签发」的通行证不能撤回。');
    });

    it('translates the framework’s own refusals (no route, bad JSON, NUL)', async () => {
      const route = await inBothLanguages(send(() => pass, 'get', '/v1/no-such-route'));
      expect(route.en.code).toBe('NOT_FOUND');
      const json = await inBothLanguages(async (language) => {
        // An unknown route, so that no route's own body handling (multipart) is involved.
        let req = request(pass.getHttpServer())
          .post('/v1/no-such-route')
          .set('content-type', 'application/json');
        if (language) req = req.set('accept-language', language);
        const res = await req.send('{"username":');
        return { status: res.status, body: res.body as ErrorBody };
      });
      expect(json.en.code).toBe('BODY_NOT_JSON');
      const nul = await inBothLanguages(
        send(() => pass, 'post', '/v1/auth/login', {
          body: { username: 'a\u0000', password: 'x' },
        }),
      );
      expect(nul.en.code).toBe('CONTROL_CHARACTER');
    });
  });

  it('verify-service answers in Chinese too', async () => {
    const guard = await inBothLanguages(send(() => verify, 'get', '/v1/checkpoints'));
    expect(guard.en.code).toBe('UNAUTHENTICATED');
    const invalid = await inBothLanguages(
      send(() => verify, 'post', '/v1/checkpoints', { token: () => admin, body: { code: 12 } }),
    );
    expect(invalid.zh.message).toContain('：');
  });

  it('reporting-service answers in Chinese too', async () => {
    const guard = await inBothLanguages(send(() => reporting, 'get', '/v1/reports/summary'));
    expect(guard.en.code).toBe('UNAUTHENTICATED');
    const invalid = await inBothLanguages(
      send(() => reporting, 'get', '/v1/reports/summary?from=yesterday&to=2026-01-01', {
        token: () => admin,
      }),
    );
    expect(invalid.en.code).toBe('DATE_INVALID');
    expect(invalid.zh.message).toContain(zh('DATE_INVALID'));
  });

  describe('the Accept-Language header itself', () => {
    const unauthenticated = async (language: string) =>
      (
        await request(pass.getHttpServer())
          .get('/v1/passes')
          .set('accept-language', language)
          .expect(401)
      ).body as ErrorBody;
    const english = () => unauthenticated('en');

    it.each([
      ['zh', true],
      ['zh-TW', true],
      ['en;q=0.5, zh-Hans;q=0.6', true],
      ['fr-FR, zh;q=0.1', true],
      ['zh;q=0, en', false],
      ['zh;q=0', false],
      ['fr-FR', false],
      ['*', false],
    ])('%s → Chinese: %s', async (language, chinese) => {
      const body = await unauthenticated(language);
      expect(body.code).toBe('UNAUTHENTICATED');
      expect(body.message === zh('UNAUTHENTICATED')).toBe(chinese);
    });

    it.each([
      ['garbage', ';;;,,,q=zh;zh=q'],
      ['a bad q-value', 'zh;q=9'],
      ['a non-tag', 'zh_CN, 中文'.replace('中文', 'x'.repeat(20))],
      ['a very long header', `${'en-US;q=0.1, '.repeat(500)}zh`],
      ['a long header ending in zh', `${'x'.repeat(7000)},zh`],
      ['many ranges before zh', `${'fr, '.repeat(200)}zh`],
    ])('ignores %s: English, same code, no error', async (_, language) => {
      const body = await unauthenticated(language);
      expect(body).toEqual(await english());
    });
  });
});
