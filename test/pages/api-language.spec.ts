/**
 * The pages ask the API for its error messages in the language they show: every call of
 * createApi (web/shared/common.js) carries Accept-Language, zh-CN by default and en once the page
 * is switched to English, and a later switch applies to the next call.
 */
interface I18n {
  set(lang: 'zh' | 'en'): void;
}
interface Common {
  createI18n(dict: unknown): I18n;
  createApi(options?: { base?: string }): {
    get(path: string): Promise<unknown>;
    post(
      path: string,
      body: unknown,
      options?: { headers?: Record<string, string> },
    ): Promise<unknown>;
  };
}

describe('the pages’ Accept-Language', () => {
  const COMMON_JS = '../../web/shared/common.js';
  const realFetch = globalThis.fetch;
  const globals = globalThis as Record<string, unknown>;
  const sent: Record<string, string>[] = [];
  let common: Common;

  beforeAll(async () => {
    const items = new Map<string, string>();
    globals.localStorage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => items.set(key, value),
      removeItem: (key: string) => items.delete(key),
    };
    // Enough of a document for common.js and for lit-html, which it imports, to load.
    globals.document = {
      documentElement: {},
      querySelectorAll: () => [],
      createTreeWalker: () => ({}),
    };
    common = (await import(COMMON_JS)) as Common;
    globalThis.fetch = ((_url: string, init: { headers: Record<string, string> }) => {
      sent.push(init.headers);
      return Promise.resolve(
        new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }),
      );
    }) as unknown as typeof fetch;
  });

  afterAll(() => {
    globalThis.fetch = realFetch;
    delete globals.localStorage;
    delete globals.document;
  });

  it('sends the language the page shows with every call, and follows a switch', async () => {
    const i18n = common.createI18n({ zh: {}, en: {} });
    const api = common.createApi();
    await api.get('/v1/passes');
    expect(sent.at(-1)?.['Accept-Language']).toBe('zh-CN');
    i18n.set('en');
    await api.post('/v1/passes', {}, { headers: { 'Idempotency-Key': 'k' } });
    expect(sent.at(-1)).toMatchObject({ 'Accept-Language': 'en', 'Idempotency-Key': 'k' });
    i18n.set('zh');
    await api.get('/v1/passes');
    expect(sent.at(-1)?.['Accept-Language']).toBe('zh-CN');
  });
});
