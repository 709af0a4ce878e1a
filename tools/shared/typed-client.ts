import type { HttpClient, HttpResponse, RequestOptions } from './http-client';

/**
 * A client typed by a service's published contract: `paths` is generated from
 * docs/api/<service>.openapi.json by `npm run openapi` (tools/shared/api). A path, a method, a
 * body or an answer the contract does not have is a compile error, so a change of contract breaks
 * the tools' build instead of their run.
 */
type Method = 'get' | 'post' | 'put' | 'delete';

type JsonOf<C> = C extends { content: { 'application/json': infer J } } ? J : never;

/** The operation at `Path` and `M`, if the contract has one. */
export type Operation<P, Path extends keyof P, M extends Method> = P[Path] extends {
  [K in M]: infer O;
}
  ? O
  : never;

/** The JSON body an operation takes. */
export type RequestBody<O> = O extends { requestBody: infer B } ? JsonOf<B> : never;

/** The JSON answer of an operation, over its success statuses. */
export type Answer<O> = O extends { responses: infer R }
  ? { [S in keyof R & (200 | 201 | 202)]: JsonOf<R[S]> }[keyof R & (200 | 201 | 202)]
  : never;

type PathParams<O> = O extends { parameters: { path: infer A } } ? A : never;
type Query<O> = O extends { parameters: { query?: infer Q } } ? Q : never;

export type CallOptions<O> = Omit<RequestOptions, 'body' | 'rawBody'> & {
  params?: PathParams<O>;
  query?: Query<O>;
  body?: RequestBody<O>;
};

export class TypedClient<P> {
  constructor(readonly http: HttpClient) {}

  call<Path extends keyof P & string, M extends Method>(
    method: M,
    path: Path,
    options: CallOptions<Operation<P, Path, M>> = {},
  ): Promise<HttpResponse<Answer<Operation<P, Path, M>>>> {
    const { params, query, ...rest } = options;
    return this.http.request<Answer<Operation<P, Path, M>>>(
      method.toUpperCase(),
      withQuery(withParams(path, params), query),
      rest,
    );
  }
}

function withParams(path: string, params: unknown): string {
  const values = (params ?? {}) as Record<string, string>;
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${path}: the path parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
}

function withQuery(path: string, query: unknown): string {
  const entries = Object.entries((query ?? {}) as Record<string, unknown>).filter(
    ([, value]) => value !== undefined,
  );
  if (entries.length === 0) return path;
  const pairs = entries.map(([key, value]): [string, string] => [key, String(value)]);
  return `${path}?${new URLSearchParams(pairs).toString()}`;
}
