import { zhMessageOf, type MessageParams } from './error-messages.zh';

/** The languages an API error's message is written in; English unless the client prefers Chinese. */
export type ErrorLanguage = 'en' | 'zh';

/** Past this, the header is not read at all (a client sending 8 KB of ranges gets English). */
const MAX_HEADER_LENGTH = 1024;
/** Only the first ranges count; browsers send a handful. */
const MAX_RANGES = 32;
const RANGE = /^(\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/i;
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/**
 * The language of an API error's message from an `Accept-Language` header (RFC 9110 §12.5.4):
 * Chinese when the client weighs Chinese (a `zh` range: zh, zh-CN, zh-Hant-TW…) above English,
 * English otherwise. Each language takes the q-value (default 1) of the first range of its
 * primary tag, else that of `*`, else 0; q=0 means "not this one"; languages offered by neither
 * (fr, ja…) are passed over; of two equal weights, the language named first wins. A malformed
 * range or q-value is skipped, and a header that is too long or not text is ignored: it is
 * never an error, and English is the default.
 */
export function errorLanguageOf(header: unknown): ErrorLanguage {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (typeof text !== 'string' || text.length > MAX_HEADER_LENGTH) return 'en';
  const weights = new Map<string, { q: number; at: number }>();
  text
    .split(',')
    .slice(0, MAX_RANGES)
    .forEach((item, at) => {
      const [range, ...parameters] = item.split(';').map((part) => part.trim());
      if (!range || !RANGE.test(range)) return;
      let q = 1;
      const quality = parameters.find((p) => /^q=/i.test(p));
      if (quality !== undefined) {
        const match = QUALITY.exec(quality);
        if (!match) return;
        q = Number(match[1]);
      }
      const primary = range.split('-')[0].toLowerCase();
      if (!weights.has(primary)) weights.set(primary, { q, at });
    });
  const weightOf = (language: ErrorLanguage) =>
    weights.get(language) ?? weights.get('*') ?? { q: 0, at: Infinity };
  const zh = weightOf('zh');
  const en = weightOf('en');
  return zh.q > 0 && (zh.q > en.q || (zh.q === en.q && zh.at < en.at)) ? 'zh' : 'en';
}

/** What the zod pipe puts in an error's details: one entry per refused field. */
interface FieldIssue {
  field: string;
  code?: string;
}

function fieldIssuesOf(details: unknown): FieldIssue[] | undefined {
  if (!Array.isArray(details) || details.length === 0) return undefined;
  const issues = details as unknown[];
  return issues.every(
    (i) => typeof i === 'object' && i !== null && typeof (i as FieldIssue).field === 'string',
  )
    ? (issues as FieldIssue[])
    : undefined;
}

/**
 * An error's message in the language asked for; the code never changes. In Chinese, a
 * validation error names each refused field with its code's text (the English hints of the
 * schemas are not repeated), and a code the catalog lacks keeps its English message.
 */
export function errorMessageIn(
  language: ErrorLanguage,
  error: { code: string; message: string; details?: unknown },
  params: MessageParams = {},
): string {
  if (language === 'en') return error.message;
  const issues = fieldIssuesOf(error.details);
  if (issues) {
    return issues
      .map((issue) => {
        const text = zhMessageOf(issue.code ?? 'VALIDATION_FAILED') ?? '格式不正确。';
        return issue.field === '(body)' ? text : `${issue.field}：${text}`;
      })
      .join('');
  }
  return zhMessageOf(error.code, params) ?? error.message;
}
