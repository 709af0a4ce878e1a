// @ts-check
// Batch applications from a spreadsheet: download the template, drop a filled .xlsx or .csv
// (or pick it), watch the upload go, then read each row's outcome: issued, waiting for review,
// or what is wrong in which cell. Every text from the file or the API goes in as a text node.
import { h, toast } from '/shared/common.js';
import { fail, formError, labelled, listener } from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */

const DRAFT = 'batch:upload';
/** The API refuses more (413); saying so before sending saves a long upload. */
const MAX_BYTES = 2 * 1024 * 1024;
/** @type {Record<string, string | undefined>} */
const BADGE = {
  issued: 'issued',
  pending_review: 'pending_review',
  invalid: 'rejected',
  refused: 'rejected',
};

/** @type {import('../ui.js').View} */
export const batchView = {
  id: 'batch',
  labelKey: 'tab.batch',
  render(ctx) {
    const draft = ctx.store.draft(DRAFT);
    return [uploadCard(ctx, draft), draft.result ? resultCard(ctx, draft.result) : null];
  },
};

/**
 * Saves a Blob under a name through a temporary link (the API needs the bearer token).
 * @param {Blob} blob
 * @param {string} name
 */
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** @param {Ctx} ctx @param {import('../ui.js').Draft} draft */
function uploadCard(ctx, draft) {
  const { t } = ctx;
  const error = formError(ctx, draft);
  const input = /** @type {HTMLInputElement} */ (
    h('input', { type: 'file', id: 'batch-file', accept: '.xlsx,.csv', class: 'visually-hidden' })
  );
  const progress = /** @type {HTMLProgressElement} */ (
    h('progress', { id: 'batch-progress', max: 100, value: draft.percent ?? 0 })
  );
  const status = h('p', { id: 'batch-status', class: 'muted small', 'aria-live': 'polite' });
  const showProgress = () => {
    progress.hidden = !draft.phase;
    progress.value = draft.percent ?? 0;
    if (draft.phase === 'uploading') {
      status.textContent = t('batch.uploading', { name: draft.fileName, p: draft.percent ?? 0 });
    } else if (draft.phase === 'processing') {
      progress.removeAttribute('value'); // indeterminate: the rows are being applied
      status.textContent = t('batch.processing', { name: draft.fileName });
    } else status.textContent = '';
  };
  showProgress();

  const start = async (/** @type {File | undefined} */ file) => {
    if (!file || draft.phase) return;
    error.set(null);
    if (!/\.(xlsx|csv)$/i.test(file.name)) return error.set('batch.wrongType');
    if (file.size > MAX_BYTES) return error.set('batch.tooLarge');
    Object.assign(draft, { phase: 'uploading', percent: 0, fileName: file.name });
    showProgress();
    try {
      const result = await ctx.api.batches.upload(file, (sent, total) => {
        draft.percent = Math.round((sent / total) * 100);
        if (sent >= total) draft.phase = 'processing';
        showProgress();
      });
      draft.result = result;
      toast(t('batch.done', { n: result.rows.length }), 'ok');
    } catch (e) {
      error.set(e);
    } finally {
      draft.phase = null;
      input.value = '';
      ctx.redraw();
    }
  };
  input.addEventListener('change', () => void start(input.files?.[0]));

  const zone = h(
    'label',
    { class: 'drop-zone', for: 'batch-file', id: 'batch-drop' },
    h('strong', {}, t('batch.drop')),
    h('span', { class: 'muted small' }, t('batch.limits')),
    input,
  );
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('drop-zone-over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('drop-zone-over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('drop-zone-over');
    void start(event.dataTransfer?.files?.[0]);
  });

  const template = h(
    'button',
    { type: 'button', class: 'btn', id: 'batch-template' },
    t('batch.template'),
  );
  template.addEventListener(
    'click',
    listener(async () => {
      try {
        saveBlob(await ctx.api.batches.template(), 'epass-batch-template.xlsx');
      } catch (e) {
        fail(ctx, e);
      }
    }),
  );

  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('tab.batch')),
    h('p', { class: 'muted small' }, t('batch.intro')),
    template,
    zone,
    progress,
    status,
    error.el,
  );
}

/** @param {Ctx} ctx @param {import('../api.js').Batch} result */
function resultCard(ctx, result) {
  const { t } = ctx;
  const { counts } = result;
  const download = h(
    'button',
    { type: 'button', class: 'btn', id: 'batch-result' },
    t('batch.download'),
  );
  download.addEventListener(
    'click',
    listener(async () => {
      try {
        saveBlob(
          await ctx.api.batches.result(result.batchId),
          `epass-batch-${result.batchId}.xlsx`,
        );
      } catch (e) {
        fail(ctx, e);
      }
    }),
  );
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('batch.result', { name: result.fileName })),
    h(
      'p',
      { id: 'batch-counts' },
      t('batch.counts', {
        rows: counts.rows,
        issued: counts.issued,
        pending: counts.pendingReview,
        invalid: counts.invalid,
        refused: counts.refused,
      }),
    ),
    h('p', { class: 'muted small' }, labelled(ctx, 'batch.id', result.batchId)),
    download,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { id: 'batch-rows' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['batch.row', 'f.plate', 'batch.status', 'batch.passNumber', 'batch.errors'].map(
              (key) => h('th', { scope: 'col' }, t(key)),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          result.rows.map((row) =>
            h(
              'tr',
              { dataset: { row: String(row.row), status: row.status } },
              h('td', {}, String(row.row)),
              h('td', { class: 'plate-cell' }, row.plate || '—'),
              h(
                'td',
                {},
                h(
                  'span',
                  { class: `badge badge-${BADGE[row.status] ?? 'rejected'}` },
                  t(`batch.status.${row.status}`),
                ),
              ),
              h('td', {}, passCell(ctx, row)),
              h(
                'td',
                { class: 'small' },
                (row.errors ?? []).map((e) => h('div', {}, errorLine(e))),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * The pass number, opening the pass; "—" when the row made none.
 * @param {Ctx} ctx
 * @param {import('../api.js').BatchRow} row
 */
function passCell(ctx, row) {
  const { passId } = row;
  if (!passId) return '—';
  const link = h('button', { type: 'button', class: 'btn' }, row.passNumber ?? ctx.t('batch.open'));
  link.addEventListener('click', () => ctx.openPass(passId));
  return link;
}

/**
 * "货物类别 (E7): message [CARGO_INVALID]": the cell first, so the person finds it.
 * @param {import('../api.js').BatchRowError} error
 */
function errorLine(error) {
  const where = [error.column ?? error.field, error.cell ? `(${error.cell})` : ''].filter(Boolean);
  return `${where.join(' ')}: ${error.message} [${error.code}]`;
}
