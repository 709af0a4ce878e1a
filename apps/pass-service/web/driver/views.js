// @ts-check
// The driver's page's views: lit-html templates drawn from the state, again on every change of
// the pass or of the language. Everything from the API is bound as text; the QR is an image of
// the server's SVG (an object URL), never markup in the page.
import { CARGO_LABELS, factList, formatTime } from '/shared/common.js';
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { standingOf, standingWord } from './standing.js';

/** @typedef {import('./api.js').SharedPass} SharedPass */
/**
 * What the page shows.
 * @typedef {{ kind: 'loading' | 'none' | 'invalid' | 'gone' | 'error' } |
 *   { kind: 'pass', pass: SharedPass, offline: boolean }} View
 * @typedef {{ lang: import('/shared/common.js').Lang, view: View }} DriverState
 */
/**
 * What the views need besides the state.
 * @typedef {{ t: import('/shared/common.js').Translate, toggleLanguage: () => void,
 *   retry: () => void, pictureOf: (svg: string) => string }} ViewContext
 */

/**
 * The whole page: the top bar and the pass, or a message instead of it.
 * @param {DriverState} state
 * @param {ViewContext} context
 */
export function pageView({ lang, view }, context) {
  const { t } = context;
  return html`
    <header class="topbar">
      <h1>${t('app.title')}</h1>
      <button type="button" id="lang-toggle" @click=${context.toggleLanguage}>
        ${t('lang.other')}
      </button>
    </header>
    <main id="pass" class="driver" aria-live="polite">
      ${
        view.kind === 'pass'
          ? passView(view.pass, view.offline, lang, context)
          : messageView(view.kind, context)
      }
    </main>
  `;
}

/**
 * @param {SharedPass} pass
 * @param {boolean} offline whether this is sw.js's copy, kept from an earlier visit
 * @param {import('/shared/common.js').Lang} lang
 * @param {ViewContext} context
 */
function passView(pass, offline, lang, { t, pictureOf }) {
  const time = (/** @type {string | null} */ iso) => formatTime(iso, lang);
  const standing = standingOf(pass);
  // A revoked or expired pass gives nothing to scan, even from a copy kept offline.
  const qr = standing === 'valid' || standing === 'notYet' ? pass.qr : null;
  const hint = t(`hint.${standing}`, {
    from: time(pass.validFrom),
    until: time(pass.validUntil),
    at: time(pass.revokedAt),
  });
  const cargo = CARGO_LABELS[pass.cargoCategory]?.[lang] ?? pass.cargoCategory;
  const crossProvince = pass.crossProvince ? ` (${t('crossProvince')})` : '';
  const facts = factList(
    [
      ['passNumber', pass.passNumber],
      ['route', `${pass.originName} → ${pass.destinationName}${crossProvince}`],
      ['valid', `${time(pass.validFrom)} – ${time(pass.validUntil)}`],
      ['cargo', pass.cargoDescription ? `${cargo} · ${pass.cargoDescription}` : cargo],
      ['tonnage', `${pass.tonnage} t`],
      ['enterprise', pass.enterpriseName],
    ],
    t,
  );
  return html`
    <section id="status" class="status status-${standing}" role="status">
      <strong class="status-word">${standingWord(standing, pass, lang)}</strong>
      <span class="status-hint">${hint}</span>
    </section>
    ${
      qr
        ? html`<figure class="qr">
            <img
              id="qr"
              src=${pictureOf(qr.svg)}
              alt=${t('qrAlt', { pn: pass.passNumber ?? '' })}
            />
            <figcaption class="brightness">${t('brightness')}</figcaption>
          </figure>`
        : nothing
    }
    <p class="plates">
      <span class="plate" id="plate" aria-label=${t('plate')}>${pass.plate}</span>
      ${
        pass.trailerPlate
          ? html`<span class="plate plate-trailer" aria-label=${t('trailer')}
              >${pass.trailerPlate}</span
            >`
          : nothing
      }
    </p>
    ${facts}
    <p id="freshness" class=${offline ? 'freshness offline' : 'freshness'}>
      ${t(offline ? 'offline' : 'checked', { at: time(pass.checkedAt) })}
    </p>
  `;
}

/**
 * What the page says instead of a pass: loading, no link, a broken or gone link, or an error
 * (with a button to try again).
 * @param {Exclude<View['kind'], 'pass'>} kind
 * @param {ViewContext} context
 */
function messageView(kind, { t, retry }) {
  return html`
    <section class="message message-${kind}" role=${kind === 'loading' ? 'status' : 'alert'}>
      ${
        kind === 'loading'
          ? html`<p>${t('loading')}</p>`
          : html`<h2>${t(`${kind}.title`)}</h2>
              <p>${t(`${kind}.text`)}</p>`
      }
      ${
        kind === 'error'
          ? html`<button type="button" class="btn btn-primary" @click=${retry}>
              ${t('retry')}
            </button>`
          : nothing
      }
    </section>
  `;
}
