// @ts-check
// The shapes the scanner's modules pass between them. Types only: nothing imports this file at
// run time (JSDoc `import('./types.js')` is read by the type checker alone).

/** @typedef {import('/shared/common.js').Lang} Lang */
/** @typedef {import('/shared/common.js').Translate} Translate */
/** @typedef {import('../offline-verify.js').TrustedJwk} TrustedJwk */
/** @typedef {import('../offline-verify.js').RevocationList} RevocationList */
/** @typedef {import('../offline-verify.js').RevocationDelta} RevocationDelta */
/** @typedef {import('../offline-verify.js').OfflinePassView} OfflinePassView */
/** @typedef {'entry' | 'exit'} Direction */
/**
 * A scan as sent to `POST /v1/verifications`, and kept in the queue while it cannot be.
 * @typedef {{ qr: string, checkpointCode: string, direction: Direction, observedPlate?: string,
 *   trailerPlate?: string, clientScanId: string, scannedAt: string }} ScanRequest
 */
/**
 * A verdict: verify-service's answer, or this device's offline one (`offline: true`).
 * @typedef {{ verdict: 'accepted' | 'rejected', reason: string | null,
 *   pass: (OfflinePassView & { originName?: string | null, destinationName?: string | null })
 *     | null,
 *   checkedAt: string, scanId?: string, routeMatch?: string | null, cloneSuspected?: boolean,
 *   keysSyncedAt?: string | null, offline?: boolean }} Verdict
 */
/** @typedef {{ id: string, username: string }} Officer */
/**
 * A scan waiting for upload: `failed` once the server refused it for good.
 * @typedef {{ clientScanId: string, request: ScanRequest, result: Verdict, queuedAt: number,
 *   officer: Officer | null, failed?: { code: string, message: string } }} QueueEntry
 */
/**
 * A line of the recent scans (`GET /v1/verifications` items, or a verdict just shown).
 * @typedef {{ scanId: string, verdict: 'accepted' | 'rejected', reason: string | null,
 *   plate: string | null, passNumber: string | null, direction: Direction, checkedAt: string,
 *   cloneSuspected?: boolean }} RecentScan
 */
/**
 * What the scanner keeps in localStorage, by the names of storage.js KEY.
 * @typedef {{ keys: { keys: TrustedJwk[], serverSyncedAt?: string }, revocations: RevocationList,
 *   queue: QueueEntry[], lastSync: number, skew: number, direction: Direction,
 *   recent: RecentScan[] }} Stored
 */
/** A text of the dictionary, translated when drawn. @typedef {{ key: string, vars?: Record<string, unknown> }} Message */
/**
 * A verdict on screen, with what was known when it was given (the lists' staleness, the phone's
 * clock), so that drawing it again in another language says the same.
 * @typedef {{ result: Verdict, request: ScanRequest, tone: 'accepted' | 'rejected' | 'warn',
 *   listsStale: boolean, shownAt: number }} ShownVerdict
 */
/**
 * Everything the page draws from. `now` is the clock staleness is judged by, advanced by the
 * sync timer, so a warning appears without waiting for some other change.
 * @typedef {{
 *   view: 'login' | 'scanner',
 *   user: { id: string | null, username: string, checkpoint: string | null } | null,
 *   online: boolean, now: number, sessionExpired: boolean,
 *   keyCount: number, revocationVersion: number, lastSync: number | null, skew: number,
 *   direction: Direction, queue: QueueEntry[], recent: RecentScan[],
 *   camera: { on: boolean, message: Message },
 *   qr: string, plate: string, trailer: string,
 *   verdict: ShownVerdict | null, announcement: string,
 * }} ScannerState
 */
/** @typedef {import('/shared/store.js').Store<ScannerState>} ScannerStore */
/**
 * What the views may do: each control calls one of these.
 * @typedef {{
 *   toggleLanguage: () => void, logout: () => void, signInAgain: () => void,
 *   chooseDirection: (direction: Direction) => void, toggleCamera: () => void,
 *   edit: (field: 'qr' | 'plate' | 'trailer', value: string) => void,
 *   submit: () => void, paste: () => void, closeVerdict: () => void, syncNow: () => void,
 *   discard: (clientScanId: string) => void,
 * }} Actions
 */
/** What every view gets besides the state. @typedef {{ t: Translate, lang: Lang, act: Actions }} Ui */

export {};
