/**
 * What the pages call the codes the API answers with, in zh-CN and English: the one source of
 * these words. The pages get them as web/shared/labels.js, which
 * `node scripts/generate-page-labels.mjs` writes from this file and cargo.ts. The codes themselves
 * are defined where they are decided (scan rejection reasons in libs/contracts, roles in libs/auth,
 * pass statuses in pass-service); test/pages/page-labels.spec.ts fails when a code has no label
 * here or the pages' copy differs.
 */
import type { CargoCategoryLabel } from './cargo';

/** A label in both languages of the pages. */
export type Label = CargoCategoryLabel;

/**
 * Why a checkpoint rejected a pass (`reason` of a verification and of `checkpoint.scanned`).
 * `OFFLINE_UNAVAILABLE` is the scanner's own: it could not check the signature without a network.
 */
export const SCAN_REJECTION_REASON_LABELS = {
  NOT_A_PASS: { zh: '不是通行证', en: 'Not a pass' },
  SIGNATURE_INVALID: {
    zh: '签名无效（伪造或被篡改）',
    en: 'Invalid signature (forged or altered)',
  },
  UNKNOWN_KEY: { zh: '未知签名密钥', en: 'Unknown signing key' },
  EXPIRED: { zh: '已过期', en: 'Expired' },
  NOT_YET_VALID: { zh: '尚未生效', en: 'Not yet valid' },
  REVOKED: { zh: '已撤销', en: 'Revoked' },
  PLATE_MISMATCH: { zh: '车牌不符', en: 'Plate mismatch' },
  TRAILER_MISMATCH: { zh: '挂车号牌不符', en: 'Trailer plate mismatch' },
  OUTSIDE_ROUTE: { zh: '不在通行线路上', en: 'Outside the route' },
  OFFLINE_UNAVAILABLE: { zh: '无法离线核验', en: 'Cannot verify offline' },
} as const satisfies Readonly<Record<string, Label>>;

/** The roles of the users of the platform. */
export const ROLE_LABELS = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  official: { zh: '审核官员', en: 'Official' },
  officer: { zh: '检查站人员', en: 'Officer' },
  admin: { zh: '管理员', en: 'Admin' },
} as const satisfies Readonly<Record<string, Label>>;

/** The states of a pass. */
export const PASS_STATUS_LABELS = {
  pending_review: { zh: '待审核', en: 'Pending review' },
  issued: { zh: '已签发', en: 'Issued' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  cancelled: { zh: '已撤回', en: 'Cancelled' },
} as const satisfies Readonly<Record<string, Label>>;

/**
 * Whether an issued pass lets its holder through at this moment, as the driver's page says it
 * above the QR. Expired and not yet valid are the words a checkpoint rejects such a pass with.
 */
export const PASS_VALIDITY_LABELS = {
  valid: { zh: '有效', en: 'Valid' },
  not_yet_valid: SCAN_REJECTION_REASON_LABELS.NOT_YET_VALID,
  expired: SCAN_REJECTION_REASON_LABELS.EXPIRED,
} as const satisfies Readonly<Record<string, Label>>;

/**
 * Why pass-service ended a session (the code of the refused refresh or request), as the sign-in
 * form says it until the next sign-in, in the language shown at that moment: the API's message
 * came in one language only. Other codes read as `other`.
 */
export const SESSION_END_LABELS = {
  ACCOUNT_DISABLED: {
    zh: '此账号已被停用，请联系管理员',
    en: 'this account has been disabled; ask an administrator',
  },
  REFRESH_TOKEN_REUSED: {
    zh: '登录凭证被重复使用（可能已被复制），为安全起见已结束本次登录',
    en: 'the sign-in was used twice (perhaps copied), so it was ended for safety',
  },
  REFRESH_TOKEN_INVALID: {
    zh: '登录已到期或已在别处结束',
    en: 'the sign-in expired or was ended elsewhere',
  },
  other: { zh: '服务器不再接受本次登录', en: 'the server no longer accepts this sign-in' },
} as const satisfies Readonly<Record<string, Label>>;
