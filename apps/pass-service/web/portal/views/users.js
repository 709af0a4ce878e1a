// @ts-check
// The admin's users: create one (an officer needs a checkpoint, an official may get a
// jurisdiction), and for each user: disable or enable, reset the password, change the scope.
import { h, toast } from '/shared/common.js';
import {
  busy,
  button,
  checkPassword,
  checkUsername,
  choice,
  divisionPicker,
  fail,
  field,
  formError,
  labelled,
  listBlock,
  listener,
  reasonForm,
  time,
  validateAll,
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
    return [createForm(ctx), userList(ctx)];
  },
};

/** @param {Ctx} ctx */
function createForm(ctx) {
  const { t, store, api, lists } = ctx;
  const draft = store.draft(CREATE);
  const role = field(ctx, draft, 'u-role', 'f.role', {
    type: 'select',
    options: ROLES.map((r) => [r, t(`role.${r}`)]),
  });
  const username = field(ctx, draft, 'u-username', 'f.username', {
    check: checkUsername(ctx),
    attrs: { autocomplete: 'off', autocapitalize: 'none' },
  });
  const password = field(ctx, draft, 'u-password', 'f.password', {
    type: 'password',
    check: checkPassword(ctx),
    attrs: { autocomplete: 'new-password' },
  });
  const checkpoint = field(ctx, draft, 'u-checkpoint', 'f.checkpointCode', {
    check: (v) => ({ ok: /^[A-Za-z0-9_-]{1,50}$/.test(v.trim()), text: t('v.required') }),
    attrs: { placeholder: 'KF-01' },
  });
  const scope = divisionPicker(ctx, draft, 'u-scope', 'f.scope', { anyLevel: true });
  const sync = () => {
    checkpoint.wrap.hidden = role.input.value !== 'officer';
    scope.wrap.hidden = role.input.value !== 'official';
  };
  role.input.addEventListener('change', sync);
  sync();
  const error = formError(ctx, draft);
  const submit = button(ctx, draft, 'btn.createUser');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, t('tab.users')),
    h('div', { class: 'grid grid-2' }, role.wrap, checkpoint.wrap, username.wrap, password.wrap),
    scope.wrap,
    error.el,
    submit,
  );
  form.addEventListener(
    'submit',
    listener(async (event) => {
      event.preventDefault();
      error.set(null);
      const kind = role.input.value;
      const checks = [
        () => username.validate(true),
        () => password.validate(true),
        ...(kind === 'officer' ? [() => checkpoint.validate(true)] : []),
        ...(kind === 'official' ? [scope.validate] : []),
      ];
      if (!validateAll(form, error, checks)) return;
      const body = {
        username: username.input.value.trim().toLowerCase(),
        password: password.input.value,
        role: kind,
        ...(kind === 'officer' ? { checkpointCode: checkpoint.input.value.trim() } : {}),
        ...(kind === 'official' && scope.value() ? { divisionScope: scope.value() } : {}),
      };
      await busy(ctx, draft, async () => {
        try {
          const user = await api.users.create(body);
          const text = t('ok.user', { u: user.username, r: t(`role.${user.role}`) });
          toast(`${text}${user.checkpointCode ? ` · ${user.checkpointCode}` : ''}`, 'ok');
          username.set('');
          password.set('');
          lists.edit(LIST, (/** @type {User[]} */ items) => [
            user,
            ...items.filter((u) => u.id !== user.id),
          ]);
        } catch (e) {
          error.set(e);
        }
      });
    }),
  );
  return form;
}

/** @param {Ctx} ctx */
function userList(ctx) {
  const { t, store } = ctx;
  const filters = store.draft(FILTERS);
  const form = h(
    'form',
    { class: 'filters' },
    h(
      'div',
      {},
      h('label', { for: 'uf-role' }, t('f.role')),
      choice(filters, 'uf-role', [
        ['', t('filter.any')],
        ...['enterprise', ...ROLES].map((r) => [r, t(`role.${r}`)]),
      ]),
    ),
    h(
      'div',
      {},
      h('label', { for: 'uf-state' }, t('user.state')),
      choice(filters, 'uf-state', [
        ['', t('filter.any')],
        ['false', t('user.active')],
        ['true', t('user.disabled')],
      ]),
    ),
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('btn.filter')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(ctx, true);
  });
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('users.list')),
    form,
    listBlock(
      ctx,
      LIST,
      (users) =>
        h(
          'div',
          { class: 'pass-list' },
          users.map((/** @type {User} */ u) => row(ctx, u)),
        ),
      {
        emptyKey: 'list.usersEmpty',
        onMore: () => void load(ctx, false),
      },
    ),
  );
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
  const manage = h('details', { class: 'manage' }, h('summary', {}, t('btn.manage')));
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    manage.append(...actions(ctx, user));
  };
  manage.addEventListener('toggle', () => {
    state.open = manage.open;
    if (manage.open) build();
  });
  if (state.open) {
    manage.open = true;
    build();
  }
  return h(
    'article',
    { class: 'pass-item user-item', dataset: { user: user.username } },
    h(
      'div',
      { class: 'pass-head' },
      h('strong', {}, user.username),
      h('span', { class: 'badge badge-role' }, t(`role.${user.role}`)),
      h(
        'span',
        { class: `badge ${user.disabled ? 'badge-revoked' : 'badge-issued'}` },
        t(user.disabled ? 'user.disabled' : 'user.active'),
      ),
    ),
    where.length ? h('div', { class: 'muted small' }, where.join(' · ')) : null,
    user.disabled && user.disabledReason
      ? h('div', { class: 'reason' }, labelled(ctx, 'f.reason', user.disabledReason))
      : null,
    h('div', { class: 'muted small' }, labelled(ctx, 'user.created', time(ctx, user.createdAt))),
    manage,
  );
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
        reset.input.value = '';
        toast(t('ok.passwordReset', { u: user.username }), 'ok');
      } catch (e) {
        fail(ctx, e);
      }
    },
    { type: 'password', autocomplete: 'new-password' },
  );
  /** @type {HTMLElement[]} */
  const forms = [toggle.form, reset.form];
  if (user.role === 'official') {
    const draft = store.draft(key('scope'));
    draft.divisions[`scope-${user.id}`] ??= chosenOf(user.divisionScope);
    const picker = divisionPicker(ctx, draft, `scope-${user.id}`, 'f.scope', { anyLevel: true });
    const save = button(ctx, draft, 'btn.saveScope', 'btn', 'button');
    save.addEventListener(
      'click',
      () =>
        void busy(ctx, draft, async () => {
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
        }),
    );
    forms.push(h('div', {}, picker.wrap, h('div', { class: 'actions' }, save)));
  }
  return forms;
}
