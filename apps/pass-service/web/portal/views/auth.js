// @ts-check
// Signed out: the login form (web/shared's) and the enterprise registration.
import { h, mountLogin, toast } from '/shared/common.js';
import { normalizeCreditCode, normalizeMobile } from '../../validate.js';
import {
  busy,
  button,
  checkCreditCode,
  checkPassword,
  checkPhone,
  checkUsername,
  divisionPicker,
  field,
  formError,
  listener,
  required,
  validateAll,
} from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */

const ROLES = ['enterprise', 'official', 'admin'];

/**
 * @param {Ctx} ctx
 * @param {{ session: import('/shared/common.js').Session }} deps
 */
export function renderAuth(ctx, { session }) {
  const { t, store } = ctx;
  const mode = store.get().authMode;
  const box = h('div', {});
  const tabs = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    ['login', 'register'].map((m) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': String(m === mode),
          onclick: () => store.update({ authMode: m }),
        },
        t(`auth.${m}`),
      ),
    ),
  );
  if (mode === 'login') {
    mountLogin(box, {
      i18n: ctx.i18n,
      session,
      loginUrl: '/v1/auth/login',
      roles: ROLES,
      onLogin: (saved) => {
        store.clearDraft('login');
        ctx.signedIn(saved);
      },
    });
    // The login form is web/shared's; the username typed survives a language switch.
    const draft = store.draft('login');
    const username = /** @type {HTMLInputElement | null} */ (box.querySelector('#login-username'));
    if (username) {
      username.value = draft.values.username ?? '';
      username.addEventListener('input', () => (draft.values.username = username.value));
    }
  } else {
    box.append(registerForm(ctx, { session }));
  }
  return [h('p', { class: 'welcome muted' }, t('auth.welcome')), tabs, box];
}

/**
 * @param {Ctx} ctx
 * @param {{ session: import('/shared/common.js').Session }} deps
 */
function registerForm(ctx, { session }) {
  const { t, store, api } = ctx;
  const draft = store.draft('register');
  const f = {
    name: field(ctx, draft, 'reg-name', 'f.name', {
      check: required(ctx, 2, 200),
      attrs: { autocomplete: 'organization' },
    }),
    creditCode: field(ctx, draft, 'reg-credit', 'f.creditCode', {
      check: checkCreditCode(ctx),
      hintKey: 'hint.creditCode',
      attrs: { maxlength: 24, autocapitalize: 'characters', spellcheck: 'false' },
    }),
    contactName: field(ctx, draft, 'reg-contact', 'f.contactName', {
      check: required(ctx, 1, 50),
      attrs: { autocomplete: 'name' },
    }),
    contactPhone: field(ctx, draft, 'reg-phone', 'f.contactPhone', {
      type: 'tel',
      check: checkPhone(ctx),
      attrs: { autocomplete: 'tel', inputmode: 'tel' },
    }),
    username: field(ctx, draft, 'reg-username', 'f.username', {
      check: checkUsername(ctx),
      attrs: { autocomplete: 'username', autocapitalize: 'none' },
    }),
    password: field(ctx, draft, 'reg-password', 'f.password', {
      type: 'password',
      check: checkPassword(ctx),
      attrs: { autocomplete: 'new-password' },
    }),
  };
  const division = divisionPicker(ctx, draft, 'reg-division', 'f.division');
  const error = formError(ctx, draft);
  const submit = button(ctx, draft, 'btn.register');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, t('auth.register')),
    h('p', { class: 'muted small' }, t('register.hint')),
    h('div', { class: 'grid grid-2' }, f.name.wrap, f.creditCode.wrap),
    division.wrap,
    h(
      'div',
      { class: 'grid grid-2' },
      f.contactName.wrap,
      f.contactPhone.wrap,
      f.username.wrap,
      f.password.wrap,
    ),
    error.el,
    submit,
  );
  form.addEventListener(
    'submit',
    listener(async (event) => {
      event.preventDefault();
      error.set(null);
      const checks = [...Object.values(f).map((x) => () => x.validate(true)), division.validate];
      if (!validateAll(form, error, checks)) return;
      const body = {
        name: f.name.input.value.trim(),
        creditCode: normalizeCreditCode(f.creditCode.input.value),
        divisionCode: division.value(),
        contactName: f.contactName.input.value.trim(),
        contactPhone: normalizeMobile(f.contactPhone.input.value),
        username: f.username.input.value.trim().toLowerCase(),
        password: f.password.input.value,
      };
      await busy(ctx, draft, async () => {
        try {
          await api.registerEnterprise(body);
          const login = await api.login(body.username, body.password);
          const saved = session.set(login);
          store.clearDraft('register');
          toast(t('ok.registered'), 'ok');
          ctx.signedIn(saved, 'apply');
        } catch (e) {
          error.set(e);
        }
      });
    }),
  );
  return form;
}
