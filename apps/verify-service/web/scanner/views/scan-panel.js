// @ts-check
// Where a scan comes in: the direction, the camera, and the field a hardware scanner types into
// (or a code is pasted into), with the plates the officer sees on the truck.
import { html } from '/vendor/lit-html/lit-html.js';
import { live } from '/vendor/lit-html/directives/live.js';
import { observedPlate, observedTrailer } from '../observed-plates.js';

/** @typedef {import('../types.js').ScannerState} ScannerState */
/** @typedef {import('../types.js').Ui} Ui */
/** @typedef {import('../types.js').Direction} Direction */

/** @type {Direction[]} */
const DIRECTIONS = ['entry', 'exit'];

/** @param {Event} event */
const valueOf = (event) => /** @type {HTMLInputElement} */ (event.target).value;

/** @param {ScannerState} state @param {Ui} ui */
export function scanPanelView(state, { t, act }) {
  const plate = observedPlate(state.plate);
  const trailer = observedTrailer(state.trailer);
  const plateHint = !state.plate.trim()
    ? t('plate.hint')
    : plate.ok
      ? t('plate.ok', { plate: plate.plate })
      : t('plate.invalid');
  // `.muted` as a property: the attribute sets only the first state of a video the parser made.
  return html`<div class="direction" role="radiogroup" aria-label=${t('direction.label')}>
      ${DIRECTIONS.map(
        (direction) =>
          html`<button
            type="button"
            role="radio"
            data-direction=${direction}
            aria-checked=${String(state.direction === direction)}
            @click=${() => act.chooseDirection(direction)}
          >
            ${t(`direction.${direction}`)}
          </button>`,
      )}
    </div>

    <div class="camera">
      <video id="video" playsinline .muted=${true} aria-hidden="true"></video>
      <div class="camera-frame" aria-hidden="true"></div>
      <p id="camera-message" class="camera-message">
        ${t(state.camera.message.key, state.camera.message.vars)}
      </p>
    </div>
    <button
      type="button"
      id="camera-toggle"
      class="btn btn-primary btn-block"
      @click=${act.toggleCamera}
    >
      <span>${t(state.camera.on ? 'camera.stop' : 'camera.start')}</span>
    </button>

    <form
      id="manual"
      class="manual"
      autocomplete="off"
      @submit=${(/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        act.submit();
      }}
    >
      <label for="qr-input">${t('manual.label')}</label>
      <div class="row nowrap">
        <input
          id="qr-input"
          name="qr"
          spellcheck="false"
          autocapitalize="none"
          enterkeyhint="go"
          placeholder=${t('manual.placeholder')}
          .value=${live(state.qr)}
          @input=${(/** @type {Event} */ event) => act.edit('qr', valueOf(event))}
        />
        <button type="button" id="paste" class="btn" @click=${act.paste}>
          ${t('manual.paste')}
        </button>
        <button type="submit" class="btn btn-primary">${t('manual.submit')}</button>
      </div>
      <label for="observed-plate">${t('plate.label')}</label>
      <input
        id="observed-plate"
        name="observedPlate"
        autocapitalize="characters"
        spellcheck="false"
        aria-describedby="observed-plate-hint"
        aria-invalid=${String(!plate.ok)}
        placeholder="豫B12345"
        @input=${(/** @type {Event} */ event) => act.edit('plate', valueOf(event))}
      />
      <p id="observed-plate-hint" class="hint ${plate.ok ? '' : 'bad'}">${plateHint}</p>
      <label for="observed-trailer">${t('trailer.label')}</label>
      <input
        id="observed-trailer"
        name="trailerPlate"
        autocapitalize="characters"
        spellcheck="false"
        aria-invalid=${String(!trailer.ok)}
        placeholder="豫B1234挂"
        @input=${(/** @type {Event} */ event) => act.edit('trailer', valueOf(event))}
      />
    </form>`;
}
