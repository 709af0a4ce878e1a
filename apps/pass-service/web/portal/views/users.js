// @ts-check
// The admin's users: create one (an officer needs a checkpoint, an official may get a
// jurisdiction), and for each user: disable or enable, reset the password, change the scope.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { live } from '/vendor/lit-html/directives/live.js';
import { repeat } from '/vendor/lit-html/directives/repeat.js';
import { toast } from '/shared/common.js';
import { checkPassword, checkUsername } from '../checks.js';
import { divisionPicker } from '../divisions.js';
import {
  actionButton,
  busy,
  button,
  choice,
  fail,
  field,
  formError,
  labelled,
  listBlock,
  listener,
  reasonForm,
  time,
  validateAll,
  valueOf,
} from '../ui.js';

/** @typedef {import('../ui.js').Ctx} Ctx */
/** @typedef {import('../api.js').User} User */

const LIST = 'users';
const CREATE = 'users:create';
const FILTERS = 'filters:users';
const ROLES = ['official', 'officer', 'admin'];

/** @param {Ctx} ctx @param {boolean} reset */
const load = (ctx, reset) => {
  const filters = ctx.store.draft(FILTERS).values;
  return ctx.lists.load(
    LIST,
    (cursor) =>
      ctx.api.users.list({
        role: filters['uf-role'],
        disabled: filters['uf-state'],
        limit: 50,
        cursor,
      }),
    reset,
  );
};

/** A scope's text: its code, or "nationwide". */
/** @param {Ctx} ctx @param {string | null} scope */
const scopeText = (ctx, scope) => scope ?? ctx.t('scope.nationwide');

/** The picker's starting choice for a stored scope (province 410000, city 410200, county 410203). */
/** @param {string | null} scope */
function chosenOf(scope) {
  if (!scope) return { province: '', city: '', county: '', code: '' };
  const province = `${scope.slice(0, 2)}0000`;
  const city = scope.endsWith('0000') ? '' : `${scope.slice(0, 4)}00`;
  const county = scope.endsWith('00') ? '' : scope;
  return { province, city, county, code: scope };
}

/** @type {import('../ui.js').View} */
export const usersView = {
  id: 'users',
  labelKey: 'tab.users',
  enter(ctx) {
    void load(ctx, true);
  },
  render(ctx) {
    return html`${createForm(ctx)}${userList(ctx)}`;
  },
};

/** @param {Ctx} ctx */
function createForm(ctx) {
  const { t, store, api, lists } = ctx;
  const draft = store.draft(CREATE);
  const role = field(ctx, CREATE, 'u-role', 'f.role', {
    type: 'select',
    options: ROLES.map((r) => [r, t(`role.${r}`)]),
  });
  const kind = valueOf(draft, 'u-role');
  /** @type {[string, import('../checks.js').Check][]} */
  const checks = [
    ['u-username', checkUsername(ctx)],
    ['u-password', checkPassword(ctx)],
    [
      'u-checkpoint',
      (v) => ({ ok: /^[A-Za-z0-9_-]{1,50}$/.test(v.trim()), text: t('v.required') }),
    ],
  ];
  const [username, password, checkpoint] = [
    field(ctx, CREATE, 'u-username', 'f.username', {
      check: checks[0][1],
      attrs: { autocomplete: 'off', autocapitalize: 'none' },
    }),
    field(ctx, CREATE, 'u-password', 'f.password', {
      type: 'password',
      check: checks[1][1],
      attrs: { autocomplete: 'new-password' },
    }),
    field(ctx, CREATE, 'u-checkpoint', 'f.checkpointCode', {
      check: checks[2][1],
      attrs: { placeholder: 'KF-01' },
    }),
  ];
  const scope = divisionPicker(ctx, CREATE, 'u-scope', 'f.scope', { anyLevel: true });
  /** @param {SubmitEvent} event */
  const submit = async (event) => {
    event.preventDefault();
    const form = /** @type {HTMLFormElement} */ (event.currentTarget);
    store.editDraft(CREATE, { error: null });
    const needed = checks.filter(([id]) => id !== 'u-checkpoint' || kind === 'officer');
    if (!validateAll(ctx, CREATE, form, needed, kind === 'official' ? [scope.validate] : [])) {
      return;
    }
    const body = {
      username: valueOf(draft, 'u-username').trim().toLowerCase(),
      password: valueOf(draft, 'u-password'),
      role: kind,
      ...(kind === 'officer' ? { checkpointCode: valueOf(draft, 'u-checkpoint').trim() } : {}),
      ...(kind === 'official' && scope.value() ? { divisionScope: scope.value() } : {}),
    };
    await busy(ctx, CREATE, async () => {
      try {
        const user = await api.users.create(body);
        const text = t('ok.user', { u: user.username, r: t(`role.${user.role}`) });
        toast(`${text}${user.checkpointCode ? ` · ${user.checkpointCode}` : ''}`, 'ok');
        // The next user is likely of the same kind: only the name and password are cleared.
        store.editDraft(CREATE, (d) => ({
          values: { ...d.values, 'u-username': '', 'u-password': '' },
          shown: { ...d.shown, 'u-username': false, 'u-password': false },
        }));
        lists.edit(LIST, (/** @type {User[]} */ items) => [
          user,
          ...items.filter((u) => u.id !== user.id),
        ]);
      } catch (e) {
        store.editDraft(CREATE, { error: e });
      }
    });
  };
  return html`<form class="card" novalidate @submit=${listener(submit)}>
    <h2>${t('tab.users')}</h2>
    <div class="grid grid-2">
      ${role}
      <div ?hidden=${kind !== 'officer'}>${checkpoint}</div>
      ${username}${password}
    </div>
    <div ?hidden=${kind !== 'official'}>${scope.view}</div>
    ${formError(ctx, draft)} ${button(ctx, draft, 'btn.createUser')}
  </form>`;
}

/** @param {Ctx} ctx */
function userList(ctx) {
  const { t, store } = ctx;
  const filters = store.draft(FILTERS);
  /** @param {SubmitEvent} event */
  const submit = (event) => {
    event.preventDefault();
    void load(ctx, true);
  };
  return html`<section class="card">
    <h2>${t('users.list')}</h2>
    <form class="filters" @submit=${submit}>
      <div>
        <label for="uf-role">${t('f.role')}</label>
        ${choice(filters, 'uf-role', [
          ['', t('filter.any')],
          ...['enterprise', ...ROLES].map((r) => [r, t(`role.${r}`)]),
        ])}
      </div>
      <div>
        <label for="uf-state">${t('user.state')}</label>
        ${choice(filters, 'uf-state', [
          ['', t('filter.any')],
          ['false', t('user.active')],
          ['true', t('user.disabled')],
        ])}
      </div>
      <button type="submit" class="btn btn-primary">${t('btn.filter')}</button>
    </form>
    ${listBlock(
      ctx,
      LIST,
      (/** @type {User[]} */ users) =>
        html`<div class="pass-list">
          ${repeat(
            users,
            (u) => u.id,
            (u) => row(ctx, u),
          )}
        </div>`,
      { emptyKey: 'list.usersEmpty', onMore: () => void load(ctx, false) },
    )}
  </section>`;
}

/** @param {Ctx} ctx @param {User} user */
function row(ctx, user) {
  const { t, store } = ctx;
  const state = store.draft(`user:${user.id}`);
  const where = [
    user.checkpointCode ? labelled(ctx, 'user.checkpoint', user.checkpointCode) : null,
    user.enterpriseId ? labelled(ctx, 'user.enterprise', user.enterpriseId) : null,
    user.role === 'official'
      ? labelled(ctx, 'scope.label', scopeText(ctx, user.divisionScope))
      : null,
  ].filter(Boolean);
  // The forms inside "manage" are drawn only while it is open.
  /** @param {Event} event */
  const toggled = (event) => {
    const open = /** @type {HTMLDetailsElement} */ (event.target).open;
    if (open !== Boolean(state.open)) store.editDraft(`user:${user.id}`, { open });
  };
  return html`<article class="pass-item user-item" data-user=${user.username}>
    <div class="pass-head">
      <strong>${user.username}</strong>
      <span class="badge badge-role">${t(`role.${user.role}`)}</span>
      <span class="badge ${user.disabled ? 'badge-revoked' : 'badge-issued'}"
        >${t(user.disabled ? 'user.disabled' : 'user.active')}</span
      >
    </div>
    ${where.length ? html`<div class="muted small">${where.join(' · ')}</div>` : nothing}
    ${
      user.disabled && user.disabledReason
        ? html`<div class="reason">${labelled(ctx, 'f.reason', user.disabledReason)}</div>`
        : nothing
    }
    <div class="muted small">${labelled(ctx, 'user.created', time(ctx, user.createdAt))}</div>
    <details class="manage" .open=${live(Boolean(state.open))} @toggle=${toggled}>
      <summary>${t('btn.manage')}</summary>
      ${state.open ? actions(ctx, user) : nothing}
    </details>
  </article>`;
}
/** The forms inside a user's "manage": each changes the row in the list when it succeeds. */
/** @param {Ctx} ctx @param {User} user */
function actions(ctx, user) {
  const { t, api, lists, store } = ctx;
  /** The row shows the user as the API answered (or `change` applied when it answered nothing). */
  /** @param {unknown} answer @param {Partial<User>} change @param {string} message */
  const changed = (answer, change, message) => {
    toast(message, 'ok');
    const next = { ...user, ...change, ...(answer && typeof answer === 'object' ? answer : {}) };
    lists.edit(LIST, (/** @type {User[]} */ items) =>
      items.map((u) => (u.id === user.id ? next : u)),
    );
  };
  const key = (/** @type {string} */ what) => `user:${user.id}:${what}`;
  const toggle = user.disabled
    ? reasonForm(
        ctx,
        key('enable'),
        'enable.prompt',
        'btn.enable',
        'btn-ok',
        async (reason) => {
          try {
            const answer = await api.users.enable(user.id, reason);
            store.clearDraft(key('enable'));
            changed(answer, { disabled: false }, t('ok.enabled', { u: user.username }));
          } catch (e) {
            fail(ctx, e);
          }
        },
        { optional: true },
      )
    : reasonForm(
        ctx,
        key('disable'),
        'disable.prompt',
        'btn.disable',
        'btn-danger',
        async (reason) => {
          try {
            const answer = await api.users.disable(user.id, reason);
            store.clearDraft(key('disable'));
            changed(answer, { disabled: true }, t('ok.disabled', { u: user.username }));
          } catch (e) {
            fail(ctx, e);
          }
        },
      );
  const reset = reasonForm(
    ctx,
    key('password'),
    'reset.prompt',
    'btn.resetPassword',
    '',
    async (password) => {
      if (!checkPassword(ctx)(password).ok) {
        fail(ctx, new Error(t('v.password')));
        return;
      }
      try {
        await api.users.resetPassword(user.id, password);
        store.clearDraft(key('password'));
        toast(t('ok.passwordReset', { u: user.username }), 'ok');
      } catch (e) {
        fail(ctx, e);
      }
    },
    { type: 'password', autocomplete: 'new-password' },
  );
  if (user.role !== 'official') return html`${toggle}${reset}`;
  const scopeKey = key('scope');
  const draft = store.draft(scopeKey);
  draft.divisions[`scope-${user.id}`] ??= chosenOf(user.divisionScope);
  const picker = divisionPicker(ctx, scopeKey, `scope-${user.id}`, 'f.scope', { anyLevel: true });
  const save = async () => {
    if (!picker.validate()) return;
    const scope = picker.value() || null;
    try {
      const answer = await api.users.setScope(user.id, scope);
      changed(
        answer,
        { divisionScope: scope },
        t('ok.scope', { u: user.username, s: scopeText(ctx, scope) }),
      );
    } catch (e) {
      fail(ctx, e);
    }
  };
  return html`${toggle}${reset}
    <div>
      ${picker.view}
      <div class="actions">${actionButton(ctx, scopeKey, 'btn.saveScope', 'btn', save)}</div>
    </div>`;
}
