import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { errorLanguageOf, errorMessageIn } from './error-language';
import { ZH_ERROR_MESSAGES, zhMessageOf } from './error-messages.zh';
import { CODES_BY_STATUS, MESSAGES_BY_CODE } from './http-error.filter';

const ROOT = join(__dirname, '..', '..', '..');
const CODE = String.raw`([A-Z][A-Z0-9_]+)`;

/** Every way a code is thrown or attached to a refusal in this codebase. */
const THROW_SITES: RegExp[] = [
  // new AppError(403, 'FORBIDDEN', …), AppError.conflict('PASS_STATE_CONFLICT', …)
  new RegExp(String.raw`AppError(?:\.\w+)?\(\s*(?:\d+\s*,\s*)?'${CODE}'`, 'g'),
  // zod fields with a code: coded('PLATE_INVALID', …), reporting's coded/codedField/oneOf
  new RegExp(String.raw`coded\w*\(\s*'${CODE}'`, 'g'),
  new RegExp(String.raw`oneOf\([^()]*?,\s*'${CODE}'`, 'g'),
  // params: { code: 'RANGE_INVALID' }, new UnauthorizedException({ code: 'UNAUTHENTICATED' })
  new RegExp(String.raw`\bcode:\s*'${CODE}'`, 'g'),
  // constants named as their value: TEXT_INVALID = 'TEXT_INVALID', DomainErrorCode's members
  new RegExp(String.raw`\b${CODE}\s*[:=]\s*'\1'`, 'g'),
  // the pipe's and the filter's own codes: return 'UNKNOWN_FIELD', fallbackCode = '…'
  new RegExp(String.raw`return '([A-Z][A-Z0-9]*_[A-Z0-9_]+)'`, 'g'),
  new RegExp(String.raw`fallbackCode = '${CODE}'`, 'g'),
];

/** Node's system error codes (ENOTFOUND, ECONNREFUSED) are compared against, never answered. */
const NOT_AN_API_CODE = /^E[A-Z]+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'web', 'dist', 'test'].includes(entry.name) ? [] : sourceFiles(path);
    return /(?<!\.spec|\.d|-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of ['apps', 'libs'].flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of THROW_SITES) {
      for (const match of text.matchAll(pattern)) {
        const code = match[1];
        if (!NOT_AN_API_CODE.test(code) && !found.has(code)) found.set(code, relative(ROOT, file));
      }
    }
  }
  for (const code of Object.values(CODES_BY_STATUS)) found.set(code, 'CODES_BY_STATUS');
  for (const code of Object.keys(MESSAGES_BY_CODE)) found.set(code, 'MESSAGES_BY_CODE');
  return found;
}

describe('the Chinese error catalog', () => {
  const codes = thrownCodes();

  it('finds the codes of every kind of throw site', () => {
    for (const code of [
      'PASS_NOT_FOUND', // AppError.notFound in pass-service
      'PLATE_INVALID', // coded(…) and DomainErrorCode
      'UNKNOWN_FIELD', // the zod pipe
      'UNAUTHENTICATED', // libs/auth's guard
      'RANGE_INVALID', // reporting's params: { code }
      'TEXT_INVALID', // a constant in libs/contracts
      'CHECKPOINT_UNKNOWN', // verify-service
      'BAD_REQUEST', // CODES_BY_STATUS
      'BODY_NOT_JSON',
    ]) {
      expect(codes.has(code)).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(80);
  });

  it('has a Chinese message for every code thrown in apps/ and libs/', () => {
    const missing = [...codes].filter(([code]) => zhMessageOf(code) === undefined);
    expect(missing.map(([code, where]) => `${code} (${where})`)).toEqual([]);
  });

  it('writes every entry in Chinese, with and without the specifics', () => {
    for (const [code, entry] of Object.entries(ZH_ERROR_MESSAGES)) {
      const texts =
        typeof entry === 'string'
          ? [entry]
          : [
              entry({}),
              entry({ status: 'issued', action: 'cancelled', state: 'disabled', live: 6000 }),
            ];
      for (const text of texts) {
        expect(`${code}: ${text}`).toMatch(/[\u4e00-\u9fff]/);
        expect(text).not.toMatch(/undefined|\{\w+\}/);
      }
    }
  });

  it('names the specifics the English message names', () => {
    expect(zhMessageOf('PASS_STATE_CONFLICT', { status: 'issued', action: 'cancelled' })).toBe(
      '状态为「已签发」的通行证不能撤回。',
    );
    expect(zhMessageOf('TONNAGE_INVALID', { maxTons: 100 })).toBe('吨位：每张通行证最多 100 吨。');
    expect(zhMessageOf('LOGIN_RATE_LIMITED', { retryAfterSeconds: 125 })).toBe(
      '登录失败次数过多。请 3 分钟后再试。',
    );
    expect(zhMessageOf('HTTP_418')).toBe('请求被拒绝（HTTP 418）。');
    expect(zhMessageOf('constructor')).toBeUndefined();
  });
});

describe('errorLanguageOf (Accept-Language)', () => {
  it.each<[unknown, 'zh' | 'en']>([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh'],
    ['zh', 'zh'],
    ['ZH-tw', 'zh'],
    ['zh-Hant-TW', 'zh'],
    ['en-US', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['en;q=0.5, zh-CN;q=0.8', 'zh'],
    ['fr, zh;q=0.5', 'zh'], // French is not offered: Chinese is the best of what is
    ['fr', 'en'],
    ['*', 'en'],
    ['zh;q=0, *', 'en'],
    ['zh;q=0', 'en'],
    ['zh-CN;q=1.000', 'zh'],
    ['zh-CN, en', 'zh'], // equal weights: the first named
    ['en, zh-CN', 'en'],
    ['zh;q=2', 'en'], // a q-value out of range is skipped
    ['zh;q=abc', 'en'],
    ['zh;q=0.5;q=0.9', 'zh'],
    ['zh;q=0.0001', 'en'], // more than three decimals is malformed
    ['中文', 'en'],
    ['zh_CN', 'en'], // an underscore is not a language tag
    [';;;,,,;q=1', 'en'],
    [['en', 'zh;q=0.1'], 'en'],
    [['zh-CN'], 'zh'],
    [`${'x-'.repeat(600)}zh`, 'en'], // too long: not read
    [`${'fr,'.repeat(40)}zh`, 'en'], // past the first 32 ranges
    [42, 'en'],
  ])('%j → %s', (header, language) => {
    expect(errorLanguageOf(header)).toBe(language);
  });
});

describe('errorMessageIn', () => {
  const validation = {
    code: 'PLATE_INVALID',
    message: 'plate: a mainland China plate…; extra: holds a field this request does not take',
    details: [
      { field: 'plate', message: 'a mainland China plate…', code: 'PLATE_INVALID' },
      {
        field: 'extra',
        message: 'holds a field this request does not take',
        code: 'UNKNOWN_FIELD',
      },
      { field: 'tonnage', message: 'Invalid input' },
    ],
  };

  it('keeps the English message for English', () => {
    expect(errorMessageIn('en', validation)).toBe(validation.message);
  });

  it('names each refused field with its code in Chinese', () => {
    expect(errorMessageIn('zh', validation)).toBe(
      `plate：${ZH_ERROR_MESSAGES.PLATE_INVALID as string}extra：${
        ZH_ERROR_MESSAGES.UNKNOWN_FIELD as string
      }tonnage：格式不正确。`,
    );
  });

  it('keeps the English message of a code the catalog does not know', () => {
    expect(errorMessageIn('zh', { code: 'SOMETHING_NEW', message: 'Something new.' })).toBe(
      'Something new.',
    );
  });
});
