// @ts-check
// Signed out: the login form (web/shared's) and the enterprise registration.
import { html } from '/vendor/lit-html/lit-html.js';
import { keyed } from '/vendor/lit-html/directives/keyed.js';
import { ref } from '/vendor/lit-html/directives/ref.js';
import { mountLogin, toast } from '/shared/common.js';
import { normalizeCreditCode, normalizeMobile } from '../../validate.js';
import { checkCreditCode, checkPassword, checkPhone, checkUsername, required } from '../checks.js';
import { divisionPicker } from '../divisions.js';
import { busy, button, field, formError, listener, validateAll, valueOf } from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {{ session: import('/shared/common.js').Session }} Deps */

const ROLES = ['enterprise', 'official', 'admin'];
const REGISTER = 'register';

/**
 * The login and registration tabs and the chosen one's form, as a view of the state.
 * @param {Ctx} ctx
 * @param {Deps} deps
 */
export function createAuthView(ctx, deps) {
  const { t, store } = ctx;
  const login = loginForm(ctx, deps);
  return () => {
    const mode = store.get().authMode;
    return html`<p class="welcome muted">${t('auth.welcome')}</p>
      <div class="tabs" role="tablist">
        ${['login', 'register'].map(
          (m) =>
            html`<button
              type="button"
              role="tab"
              aria-selected=${String(m === mode)}
              @click=${() => store.update({ authMode: m })}
            >
              ${t(`auth.${m}`)}
            </button>`,
        )}
      </div>
      <div>${mode === 'login' ? login() : registerForm(ctx, deps)}</div>`;
  };
}

/**
 * web/shared's login form, mounted into a fresh element for each language (it is drawn in the
 * language it is mounted in); the username typed survives the switch. Other redraws keep the
 * element, and the form in it, as they are.
 * @param {Ctx} ctx
 * @param {Deps} deps
 */
function loginForm(ctx, { session }) {
  const { store } = ctx;
  /** @param {Element} box */
  const mount = (box) => {
    mountLogin(/** @type {HTMLElement} */ (box), {
      i18n: ctx.i18n,
      session,
      loginUrl: '/v1/auth/login',
      roles: ROLES,
      onLogin: (saved) => {
        store.clearDraft('login');
        ctx.signedIn(saved);
      },
    });
    const draft = store.draft('login');
    const username = /** @type {HTMLInputElement | null} */ (box.querySelector('#login-username'));
    if (username) {
      username.value = draft.values.username ?? '';
      username.addEventListener('input', () => (draft.values.username = username.value));
      username.focus();
    }
  };
  // One callback for every draw: `ref` calls it again only for a new element. lit-html hands it
  // the element before the element is in the page, so the form goes in once it is.
  /** @param {Element | undefined} box */
  const mountWhenShown = (box) => {
    if (box) queueMicrotask(() => box.isConnected && mount(box));
  };
  return () => keyed(ctx.i18n.lang, html`<div ${ref(mountWhenShown)}></div>`);
}

/**
 * @param {Ctx} ctx
 * @param {Deps} deps
 */
function registerForm(ctx, { session }) {
  const { t, store, api } = ctx;
  const draft = store.draft(REGISTER);
  /** @type {[string, string, import('../ui.js').FieldOptions][]} */
  const fields = [
    [
      'reg-name',
      'f.name',
      { check: required(ctx, 2, 200), attrs: { autocomplete: 'organization' } },
    ],
    [
      'reg-credit',
      'f.creditCode',
      {
        check: checkCreditCode(ctx),
        hintKey: 'hint.creditCode',
        attrs: { maxlength: 24, autocapitalize: 'characters', spellcheck: 'false' },
      },
    ],
    [
      'reg-contact',
      'f.contactName',
      { check: required(ctx, 1, 50), attrs: { autocomplete: 'name' } },
    ],
    [
      'reg-phone',
      'f.contactPhone',
      { type: 'tel', check: checkPhone(ctx), attrs: { autocomplete: 'tel', inputmode: 'tel' } },
    ],
    [
      'reg-username',
      'f.username',
      { check: checkUsername(ctx), attrs: { autocomplete: 'username', autocapitalize: 'none' } },
    ],
    [
      'reg-password',
      'f.password',
      { type: 'password', check: checkPassword(ctx), attrs: { autocomplete: 'new-password' } },
    ],
  ];
  const [name, credit, contact, phone, username, password] = fields.map(([id, key, options]) =>
    field(ctx, REGISTER, id, key, options),
  );
  const division = divisionPicker(ctx, REGISTER, 'reg-division', 'f.division');
  /** @param {SubmitEvent} event */
  const submit = async (event) => {
    event.preventDefault();
    const form = /** @type {HTMLFormElement} */ (event.currentTarget);
    store.editDraft(REGISTER, { error: null });
    const checks = fields.map(([id, , options]) => {
      const check = options.check ?? (() => ({ ok: true }));
      return /** @type {[string, typeof check]} */ ([id, check]);
    });
    if (!validateAll(ctx, REGISTER, form, checks, [division.validate])) return;
    const value = (/** @type {string} */ id) => valueOf(draft, id);
    const body = {
      name: value('reg-name').trim(),
      creditCode: normalizeCreditCode(value('reg-credit')),
      divisionCode: division.value(),
      contactName: value('reg-contact').trim(),
      contactPhone: normalizeMobile(value('reg-phone')),
      username: value('reg-username').trim().toLowerCase(),
      password: value('reg-password'),
    };
    await busy(ctx, REGISTER, async () => {
      try {
        await api.registerEnterprise(body);
        const login = await api.login(body.username, body.password);
        const saved = session.set(login);
        store.clearDraft(REGISTER);
        toast(t('ok.registered'), 'ok');
        ctx.signedIn(saved, 'apply');
      } catch (e) {
        store.editDraft(REGISTER, { error: e });
      }
    });
  };
  return html`<form class="card" novalidate @submit=${listener(submit)}>
    <h2>${t('auth.register')}</h2>
    <p class="muted small">${t('register.hint')}</p>
    <div class="grid grid-2">${name}${credit}</div>
    ${division.view}
    <div class="grid grid-2">${contact}${phone}${username}${password}</div>
    ${formError(ctx, draft)} ${button(ctx, draft, 'btn.register')}
  </form>`;
}
