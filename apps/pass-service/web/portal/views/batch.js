// @ts-check
// Batch applications from a spreadsheet: download the template, drop a filled .xlsx or .csv
// (or pick it), watch the upload go, then read each row's outcome: issued, waiting for review,
// or what is wrong in which cell. Every text from the file or the API goes in as a text node.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { toast } from '/shared/common.js';
import { dataTable, fail, formError, labelled, listener } from '../ui.js';

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
    return html`${uploadCard(ctx, draft)}${draft.result ? resultCard(ctx, draft.result) : nothing}`;
  },
};

/**
 * Saves a Blob under a name through a temporary link (the API needs the bearer token).
 * @param {Blob} blob
 * @param {string} name
 */
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Sends the file chosen or dropped, showing its progress, then its result.
 * @param {Ctx} ctx
 * @param {File | undefined} file
 */
async function upload(ctx, file) {
  const { t, store } = ctx;
  if (!file || store.draft(DRAFT).phase) return;
  if (!/\.(xlsx|csv)$/i.test(file.name))
    return store.editDraft(DRAFT, { error: 'batch.wrongType' });
  if (file.size > MAX_BYTES) return store.editDraft(DRAFT, { error: 'batch.tooLarge' });
  store.editDraft(DRAFT, { error: null, phase: 'uploading', percent: 0, fileName: file.name });
  try {
    const result = await ctx.api.batches.upload(file, (sent, total) =>
      store.editDraft(DRAFT, {
        percent: Math.round((sent / total) * 100),
        ...(sent >= total ? { phase: 'processing' } : {}),
      }),
    );
    store.editDraft(DRAFT, { result });
    toast(t('batch.done', { n: result.rows.length }), 'ok');
  } catch (e) {
    store.editDraft(DRAFT, { error: e });
  } finally {
    store.editDraft(DRAFT, { phase: null });
  }
}

/** @param {Ctx} ctx @param {import('../ui.js').Draft} draft */
function uploadCard(ctx, draft) {
  const { t } = ctx;
  const percent = draft.percent ?? 0;
  const status =
    draft.phase === 'uploading'
      ? t('batch.uploading', { name: draft.fileName, p: percent })
      : draft.phase === 'processing'
        ? t('batch.processing', { name: draft.fileName })
        : '';
  /** @param {Event} event */
  const picked = (event) => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    const file = input.files?.[0];
    // Cleared at once, so choosing the same file again is a change too.
    input.value = '';
    void upload(ctx, file);
  };
  /** @param {DragEvent} event */
  const over = (event) => {
    event.preventDefault();
    /** @type {HTMLElement} */ (event.currentTarget).classList.add('drop-zone-over');
  };
  /** @param {DragEvent} event */
  const left = (event) =>
    /** @type {HTMLElement} */ (event.currentTarget).classList.remove('drop-zone-over');
  /** @param {DragEvent} event */
  const dropped = (event) => {
    left(event);
    event.preventDefault();
    void upload(ctx, event.dataTransfer?.files?.[0]);
  };
  const template = async () => {
    try {
      saveBlob(await ctx.api.batches.template(), 'epass-batch-template.xlsx');
    } catch (e) {
      fail(ctx, e);
    }
  };
  // While the rows are being applied the bar has no value: it shows work without an end.
  return html`<section class="card">
    <h2>${t('tab.batch')}</h2>
    <p class="muted small">${t('batch.intro')}</p>
    <button type="button" class="btn" id="batch-template" @click=${listener(template)}>
      ${t('batch.template')}
    </button>
    <label
      class="drop-zone"
      for="batch-file"
      id="batch-drop"
      @dragover=${over}
      @dragleave=${left}
      @drop=${dropped}
    >
      <strong>${t('batch.drop')}</strong>
      <span class="muted small">${t('batch.limits')}</span>
      <input
        type="file"
        id="batch-file"
        accept=".xlsx,.csv"
        class="visually-hidden"
        @change=${picked}
      />
    </label>
    <progress
      id="batch-progress"
      max="100"
      ?hidden=${!draft.phase}
      value=${draft.phase === 'processing' ? nothing : percent}
    ></progress>
    <p id="batch-status" class="muted small" aria-live="polite">${status}</p>
    ${formError(ctx, draft)}
  </section>`;
}

/** @param {Ctx} ctx @param {import('../api.js').Batch} result */
function resultCard(ctx, result) {
  const { t } = ctx;
  const { counts } = result;
  const download = async () => {
    try {
      saveBlob(await ctx.api.batches.result(result.batchId), `epass-batch-${result.batchId}.xlsx`);
    } catch (e) {
      fail(ctx, e);
    }
  };
  const headers = ['batch.row', 'f.plate', 'batch.status', 'batch.passNumber', 'batch.errors'];
  return html`<section class="card">
    <h2>${t('batch.result', { name: result.fileName })}</h2>
    <p id="batch-counts">
      ${t('batch.counts', {
        rows: counts.rows,
        issued: counts.issued,
        pending: counts.pendingReview,
        invalid: counts.invalid,
        refused: counts.refused,
      })}
    </p>
    <p class="muted small">${labelled(ctx, 'batch.id', result.batchId)}</p>
    <button type="button" class="btn" id="batch-result" @click=${listener(download)}>
      ${t('batch.download')}
    </button>
    ${dataTable(ctx, {
      id: 'batch-rows',
      headers,
      items: result.rows,
      row: (row) =>
        html`<tr data-row=${String(row.row)} data-status=${row.status}>
          <td>${String(row.row)}</td>
          <td class="plate-cell">${row.plate || '—'}</td>
          <td>
            <span class="badge badge-${BADGE[row.status] ?? 'rejected'}"
              >${t(`batch.status.${row.status}`)}</span
            >
          </td>
          <td>${passCell(ctx, row)}</td>
          <td class="small">${(row.errors ?? []).map((e) => html`<div>${errorLine(e)}</div>`)}</td>
        </tr>`,
    })}
  </section>`;
}

/**
 * The pass number, opening the pass; "—" when the row made none.
 * @param {Ctx} ctx
 * @param {import('../api.js').BatchRow} row
 */
function passCell(ctx, row) {
  const { passId } = row;
  if (!passId) return '—';
  const label = row.passNumber ?? ctx.t('batch.open');
  // No white space around the number: the cell's text is the pass number alone.
  const open = () => ctx.openPass(passId);
  return html`<button type="button" class="btn" @click=${open}>${label}</button>`;
}

/**
 * "货物类别 (E7): message [CARGO_INVALID]": the cell first, so the person finds it.
 * @param {import('../api.js').BatchRowError} error
 */
function errorLine(error) {
  const where = [error.column ?? error.field, error.cell ? `(${error.cell})` : ''].filter(Boolean);
  return `${where.join(' ')}: ${error.message} [${error.code}]`;
}
