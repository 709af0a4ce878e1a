/**
 * The Chinese message of every API error code, for clients that prefer Chinese
 * (`Accept-Language: zh…`, see error-language.ts). One entry per code, whichever service or lib
 * throws it; `error-messages.zh.spec.ts` fails when a code thrown anywhere in apps/ or libs/ has
 * no entry here. A function entry receives the specifics the English message names
 * (`AppError.params`; the wait of a 429), and must read well without them too, because a code
 * may be thrown from more than one place.
 */
export type MessageParams = Readonly<Record<string, string | number | undefined>>;
export type ZhMessage = string | ((params: MessageParams) => string);

const PASS_STATUS: Record<string, string> = {
  pending_review: '待审核',
  issued: '已签发',
  rejected: '已驳回',
  revoked: '已撤销',
  cancelled: '已撤回',
};
const PASS_ACTION: Record<string, string> = {
  approved: '批准',
  rejected: '驳回',
  revoked: '撤销',
  renewed: '续办',
  cancelled: '撤回',
};
const ENTERPRISE_STATUS: Record<string, string> = {
  pending_review: '待审核',
  active: '正常',
  rejected: '已驳回',
  suspended: '已暂停',
};
const ENTERPRISE_ACTION: Record<string, string> = {
  approved: '批准',
  rejected: '驳回',
  suspended: '暂停',
  reinstated: '恢复',
};

const word = (words: Record<string, string>, key: string | number | undefined) =>
  key === undefined ? undefined : (words[String(key)] ?? String(key));

/** "3 分钟", "45 秒": how long a client should wait (from Retry-After). */
export function zhWait(seconds: number): string {
  if (seconds >= 3600) return `${Math.ceil(seconds / 3600)} 小时`;
  if (seconds >= 60) return `${Math.ceil(seconds / 60)} 分钟`;
  return `${Math.max(1, Math.ceil(seconds))} 秒`;
}
const waitSentence = (params: MessageParams) =>
  typeof params.retryAfterSeconds === 'number'
    ? `请 ${zhWait(params.retryAfterSeconds)}后再试。`
    : '请稍后再试。';

export const ZH_ERROR_MESSAGES: Readonly<Record<string, ZhMessage>> = {
  // The platform: generic HTTP refusals and the error filter's own codes.
  BAD_REQUEST: '请求无效。',
  UNAUTHENTICATED: '未登录或登录已过期，请重新登录。',
  FORBIDDEN: '当前账号无权进行此操作。',
  NOT_FOUND: '没有这个接口。',
  METHOD_NOT_ALLOWED: '此接口不支持该请求方法。',
  NOT_ACCEPTABLE: '无法以所要求的格式应答。',
  CONFLICT: '请求与当前状态冲突。',
  PAYLOAD_TOO_LARGE: '请求内容超过了服务所接受的大小。',
  UNSUPPORTED_MEDIA_TYPE: '不接受此内容类型，请以 application/json 发送。',
  UNPROCESSABLE: '请求无法处理。',
  TOO_MANY_REQUESTS: (p) => `请求过于频繁。${waitSentence(p)}`,
  UNAVAILABLE: '服务暂不可用，请稍后再试。',
  BODY_NOT_JSON: '请求内容不是有效的 JSON。',
  VALIDATION_FAILED: '格式不正确。',
  CONTROL_CHARACTER: '文本中不能含有空字符（U+0000），请删除后重新提交。',
  DATABASE_UNAVAILABLE: '数据库暂时无法访问，请稍后再试。',
  HEADERS_TOO_LARGE: '请求行和请求头超过了本服务所接受的大小（16 KB），请缩短查询或请求头。',
  REQUEST_TIMEOUT: '请求未能按时送达，请重新发送。',
  PREFLIGHT_INVALID:
    '此处的 OPTIONS 请求是 CORS 预检：请像浏览器那样带上 Origin 和 Access-Control-Request-Method。',
  URL_INVALID: '网址无效：% 后须是转义码，如 %20。',
  URL_TOO_LONG: '网址路径中有一段超过了本服务任何标识的长度。',
  INTERNAL: '服务器内部出错，已记录，请稍后再试。',
  METRICS_DISABLED: '监控指标接口未开启（需设置 METRICS_TOKEN）。',
  METRICS_TOKEN_INVALID: '访问监控指标需要 Authorization: Bearer <METRICS_TOKEN>。',
  UNKNOWN_FIELD: '含有此请求不接受的字段。',
  TEXT_INVALID: '文本含有不允许的控制字符或方向控制字符。',
  CURSOR_INVALID: '分页游标无效，请使用上一页返回的 nextCursor。',
  LIMIT_INVALID: '每页条数超出允许范围。',
  DATE_INVALID: '日期格式不正确。',
  RANGE_INVALID: '时间范围无效：开始须早于结束。',
  RANGE_TOO_LONG: '时间范围过长。',
  STATUS_INVALID: '状态值无效。',

  // Identity: login, sessions, users.
  INVALID_CREDENTIALS: '用户名或密码错误。',
  ACCOUNT_DISABLED: '此账号已被停用，请联系管理员。',
  REFRESH_TOKEN_INVALID: '登录已结束或刷新凭证无效，请重新登录。',
  REFRESH_TOKEN_REUSED: '此刷新凭证已被使用过，为安全起见已结束该登录，请重新登录。',
  LOGIN_RATE_LIMITED: (p) => `登录失败次数过多。${waitSentence(p)}`,
  REGISTRATION_RATE_LIMITED: (p) => `来自您网络的注册过多。${waitSentence(p)}`,
  CURRENT_PASSWORD_WRONG: '当前密码不正确。',
  PASSWORD_INVALID: '密码不符合要求（长度与字符种类）。',
  PASSWORD_UNCHANGED: '新密码不能与当前密码相同。',
  USERNAME_TAKEN: '该用户名已被使用。',
  USER_NOT_FOUND: '没有这个用户。',
  USER_STATE_CONFLICT: (p) =>
    p.state === 'disabled'
      ? '该用户已是停用状态。'
      : p.state === 'enabled'
        ? '该用户已是启用状态。'
        : '该用户已处于此状态。',
  CANNOT_DISABLE_SELF: '不能停用自己的账号。',
  ROLE_INVALID: '角色无效：只能创建审核官员、检查站人员或管理员。',
  CHECKPOINT_CODE_INVALID: '检查站人员必须有有效的检查站编号。',
  DIVISION_SCOPE_INVALID: '管辖范围无效：只有审核官员有管辖范围，且须为已知的省、市或县代码。',
  DISABLED_INVALID: 'disabled 须为 true 或 false。',

  // Enterprises and onboarding.
  CREDIT_CODE_INVALID: '统一社会信用代码无效（18 位，校验位须正确）。',
  ENTERPRISE_NAME_INVALID: '企业名称须为 2–200 个字符。',
  CONTACT_NAME_INVALID: '联系人姓名须为 1–50 个字符。',
  PHONE_INVALID: '须为中国大陆手机号码（以 13–19 开头的 11 位数字）。',
  ENTERPRISE_EXISTS: '该统一社会信用代码的企业已注册。',
  ENTERPRISE_NOT_FOUND: '没有您可查看的该企业。',
  ENTERPRISE_ID_INVALID: '企业编号须为 UUID。',
  ENTERPRISE_STATE_CONFLICT: (p) =>
    p.status !== undefined && p.action !== undefined
      ? `状态为「${word(ENTERPRISE_STATUS, p.status)}」的企业不能${word(ENTERPRISE_ACTION, p.action)}。`
      : '企业当前的状态不允许此操作。',
  ENTERPRISE_NOT_ACTIVE: (p) =>
    p.status === 'rejected'
      ? '该企业的注册已被驳回，不能申请或批准通行证。'
      : p.status === 'suspended'
        ? '该企业已被暂停，须待官员恢复后才能申请或批准通行证。'
        : p.status === 'pending_review'
          ? '该企业尚待审核，其申请须在企业获批后才能批准。'
          : '该企业当前不是正常状态，不能申请或批准通行证。',
  REVOKE_PASSES_INVALID: 'revokePasses 须为 true 或 false。',
  TOO_MANY_PASSES_TO_REVOKE: (p) =>
    p.live !== undefined && p.max !== undefined
      ? `该企业有 ${p.live} 张有效通行证，超过一次暂停可撤销的上限 ${p.max} 张：请先不撤销地暂停，再逐张撤销。`
      : '该企业的有效通行证过多，无法在暂停时一并撤销：请先不撤销地暂停，再逐张撤销。',
  REASON_INVALID: '原因须为 1–500 个字符。',

  // Divisions and domain fields.
  DIVISION_UNKNOWN: '行政区划代码未知（须为 GB/T 2260 中已知的六位代码，此处为县级）。',
  DIVISION_NOT_COUNTY: '行政区划须为县级。',
  CARGO_CATEGORY_INVALID: '货物类别无效。',
  CARGO_INVALID: '货物类别须为八类之一，描述最多 200 个字符。',
  PLATE_INVALID: '车牌无效：须为中国大陆车牌（普通、新能源或挂车）；有挂车时须填牵引车车牌。',
  TRAILER_PLATE_INVALID: '挂车车牌无效（例如 豫B1234挂）。',
  TONNAGE_INVALID: (p) =>
    p.maxTons !== undefined
      ? `吨位：每张通行证最多 ${p.maxTons} 吨。`
      : '吨位须大于 0，最多三位小数（数字或十进制字符串）。',
  DRIVER_NAME_INVALID: '司机姓名须为 1–50 个字符。',

  // Passes.
  VALIDITY_INVALID: (p) =>
    p.today !== undefined
      ? `有效期不符合规定：开始日期须在今天（${p.today}，${p.timeZone}）至其后 ${p.aheadDays} 天之间，结束须晚于开始，且最长 ${p.maxDays} 天。`
      : '有效期时间无效：须为带时区的 ISO-8601 时间（2000 至 2100 年）。',
  PASS_OVERLAPS: '该车牌在重叠的时段内已有审核中或已签发的通行证。',
  PASS_NOT_FOUND: '没有您可查看的该通行证。',
  PASS_STATE_CONFLICT: (p) =>
    p.status !== undefined && p.action !== undefined
      ? `状态为「${word(PASS_STATUS, p.status)}」的通行证不能${word(PASS_ACTION, p.action)}。`
      : p.status !== undefined
        ? `通行证状态为「${word(PASS_STATUS, p.status)}」，不能进行此操作。`
        : '通行证当前的状态不允许此操作。',
  PASS_NUMBERS_EXHAUSTED: (p) =>
    p.county !== undefined
      ? `县 ${p.county} 的通行证编号（共 ${p.max} 个）已用完。`
      : '该县的通行证编号已用完。',
  IDEMPOTENCY_KEY_INVALID: 'Idempotency-Key 须为 1–200 个可打印 ASCII 字符。',
  IDEMPOTENCY_KEY_REUSED: '此 Idempotency-Key 已用于另一份申请，请使用新的键。',

  // Vehicles and plate transfers.
  PLATE_HELD_BY_OTHER:
    '该车牌已登记在另一家企业名下。如需接管，请通过 POST /v1/plate-transfers 申请过户。',
  VEHICLE_KIND_INVALID: '车辆类型须为 truck、tractor 或 special 之一。',
  LICENCE_NUMBER_INVALID: '行驶证号无效。',
  TRANSFER_NOT_FOUND: '没有您可查看的该过户申请。',
  TRANSFER_NOT_NEEDED: '无需过户：该车牌未被登记，或已属于您的企业。',
  TRANSFER_ALREADY_PENDING: '您的企业已有该车牌的待处理过户申请。',
  TRANSFER_STALE: '该车牌在申请过户后已易主：请驳回此申请，申请人可重新申请。',
  TRANSFER_STATE_CONFLICT: '该过户申请已处理，只有待处理的申请可以决定。',

  // Audit log.
  ACTION_INVALID: '操作类型无效。',
  ACTOR_ID_INVALID: '操作人编号须为 UUID。',
  TARGET_TYPE_INVALID: '对象类型无效。',
  TARGET_ID_INVALID: '对象编号须为 1–100 个字符。',
  SCOPE_UNKNOWN: '您的管辖范围不是已知的行政区划。',

  // verify-service.
  CHECKPOINT_EXISTS: '该编号的检查站已存在。',
  CHECKPOINT_UNKNOWN: '该检查站未登记。',
  CHECKPOINT_FORBIDDEN: '只能在（或查看）您自己的检查站。',
  CHECKPOINT_NAME_INVALID: '检查站名称无效。',
  LOCATION_INCOMPLETE: '位置须同时提供经度和纬度。',
  SCAN_ID_CONFLICT: '此 clientScanId 已用于另一次扫描，未作记录：请用新的编号重新提交。',
  SCAN_NOT_RECORDED: '扫描未能记录，因此不给出结论：请重新扫描。',
  SCANNED_AT_INVALID: '扫描时间格式不正确。',
  SCANNED_AT_OUT_OF_RANGE: '扫描时间超出允许的范围。',

  // reporting-service.
  BY_INVALID: '分组维度无效。',
  DIMENSION_INVALID: '维度无效。',
  REGION_INVALID: '地区须为已知的省、市或县的六位代码。',
  LEVEL_INVALID: '汇总层级无效。',
  CHECKPOINT_INVALID: '检查站编号无效。',
  SCOPE_EXCEEDED: '此账号只能查看其管辖范围内的报表：请选择范围内的地区，或不指定地区。',

  // Batch applications and links shared with drivers (their own slices).
  BATCH_FILE_INVALID: '批量申请文件无法读取。',
  BATCH_FILE_TYPE_UNSUPPORTED: '不支持此文件类型。',
  BATCH_EMPTY: '表格只有表头，没有申请。',
  BATCH_TOO_MANY_ROWS: '批量申请的行数超过上限，请拆分文件；未作任何申请。',
  SHARE_NOT_FOUND: '该通行证没有给司机的链接。',
  SHARED_PASS_NOT_FOUND: '此链接没有通行证：链接已撤回、被新链接取代，或通行证已过期。',
  BATCH_FILE_MISSING: '请在 file 字段中发送一个非空的表格文件。',
  BATCH_FILE_TOO_LARGE: '文件过大，请拆分成较小的批次。',
  BATCH_HEADERS_MISSING: '表头缺少必填列，请从模板开始填写。',
  BATCH_IN_PROGRESS: '此文件正在由另一次上传处理中，请稍后再查询结果。',
  BATCH_NOT_FOUND: '没有这个批次。',
  BATCH_NOT_MULTIPART: '请以 multipart/form-data 在 file 字段中发送文件。',
  BATCH_UPLOAD_INVALID: '上传的内容无效。',
  LAST_EVENT_ID_INVALID: 'Last-Event-ID 不是此数据流发出的编号。',
  TOO_MANY_STREAMS: (p) =>
    `每个用户同时打开的状态数据流已达上限，请先关闭其他标签页。${waitSentence(p)}`,
  WEBHOOK_NOT_FOUND: '此企业未设置 Webhook。',
  WEBHOOK_SECRET_INVALID: 'Webhook 密钥不符合要求。',
  WEBHOOK_URL_INVALID: 'Webhook 地址无效（须为 http(s) 网址）。',
  WEBHOOK_URL_FORBIDDEN: 'Webhook 地址指向私有、回环或链路本地地址；只能发往公网地址。',
  WEBHOOK_URL_UNRESOLVABLE: 'Webhook 地址的主机名无法解析。',
  WEBHOOK_ADDRESS_FORBIDDEN: '不允许此通知地址。',
};

/** Codes of the shape `HTTP_<status>` (a status the filter has no name for). */
const HTTP_FALLBACK = /^HTTP_(\d{3})$/;

/** The Chinese message of a code, or undefined when the catalog has none. */
export function zhMessageOf(code: string, params: MessageParams = {}): string | undefined {
  const entry = Object.hasOwn(ZH_ERROR_MESSAGES, code) ? ZH_ERROR_MESSAGES[code] : undefined;
  if (typeof entry === 'string') return entry;
  if (entry) return entry(params);
  const http = HTTP_FALLBACK.exec(code);
  return http ? `请求被拒绝（HTTP ${http[1]}）。` : undefined;
}
