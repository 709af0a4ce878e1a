// @ts-check
import {
  CARGO_LABELS,
  createApi,
  createI18n,
  createSession,
  errorText,
  formatTime,
  h,
  mountLogin,
  toast,
  uuid,
} from '/shared/common.js';
import {
  creditCodeProblem,
  isValidUsername,
  normalizeCreditCode,
  normalizeMobile,
  parsePlate,
  parseTonsToKg,
} from './validate.js';

const dict = {
  zh: {
    'app.title': '车辆电子通行证',
    'lang.aria': '切换语言',
    'lang.other': 'English',
    logout: '退出',
    'err.network': '网络不可用，请稍后重试',
    'session.expired': '登录已过期，请重新登录',
    'auth.login': '登录',
    'auth.register': '企业注册',
    'auth.welcome': '企业在线申请货车通行证，检查站扫码核验。',
    'tab.passes': '我的通行证',
    'tab.apply': '申请通行证',
    'tab.review': '待审核',
    'tab.all': '全部通行证',
    'tab.users': '用户管理',
    'tab.keys': '签名密钥',
    'role.enterprise': '企业',
    'role.official': '审核官员',
    'role.officer': '检查站人员',
    'role.admin': '管理员',
    'status.all': '全部状态',
    'status.pending_review': '待审核',
    'status.issued': '已签发',
    'status.rejected': '已驳回',
    'status.revoked': '已撤销',
    'f.name': '企业名称',
    'f.creditCode': '统一社会信用代码',
    'f.division': '所在地区',
    'f.contactName': '联系人',
    'f.contactPhone': '联系电话',
    'f.username': '登录用户名',
    'f.password': '密码（至少 8 位）',
    'f.plate': '车牌号',
    'f.driverName': '驾驶员姓名',
    'f.driverPhone': '驾驶员手机',
    'f.cargoCategory': '货物类别',
    'f.cargoDescription': '货物说明（选填）',
    'f.tonnage': '载货吨位（吨）',
    'f.origin': '起点（区县）',
    'f.destination': '终点（区县）',
    'f.validFrom': '有效期开始',
    'f.validUntil': '有效期结束',
    'f.reason': '原因',
    'f.role': '角色',
    'f.checkpointCode': '检查站编号',
    'f.search': '按车牌查找',
    'div.province': '省',
    'div.city': '市',
    'div.county': '区县',
    'div.choose': '请选择',
    'div.fallback': '地区列表暂不可用，请输入 6 位区县代码',
    'div.loading': '加载中…',
    'hint.creditCode': '18 位，末位为校验码',
    'v.required': '必填',
    'v.length': '应为 18 位（当前 {n} 位）',
    'v.charset': '含不允许的字符（不使用 I、O、Z、S、V）',
    'v.category': '前两位（登记管理部门与机构类别）不正确',
    'v.division': '第 3–8 位应为行政区划代码',
    'v.check': '校验码不正确，按前 17 位应为“{c}”',
    'v.creditOk': '校验通过',
    'v.plate': '不是有效的车牌号（如 豫B12345、豫BD12345、豫B1234挂）',
    'v.plateOk': '将登记为 {plate}',
    'v.tonnage': '大于 0 的吨数，最多 3 位小数',
    'v.tonnageOk': '= {kg} 千克',
    'v.phone': '11 位手机号码',
    'v.username': '3–64 位小写字母、数字或 . _ @ -',
    'v.password': '至少 8 位',
    'v.county': '请选择到区县',
    'v.until': '结束时间须晚于开始时间',
    'v.cross': '跨省通行证需要人工审核',
    'v.fix': '请先更正标红的项目',
    'btn.register': '注册企业',
    'btn.apply': '提交申请',
    'btn.busy': '提交中…',
    'btn.filter': '查询',
    'btn.more': '加载更多',
    'btn.open': '查看',
    'btn.approve': '批准',
    'btn.reject': '驳回',
    'btn.revoke': '撤销通行证',
    'btn.confirmRevoke': '确认撤销',
    'btn.png': '下载二维码 PNG',
    'btn.print': '打印 A4 通行证',
    'btn.close': '关闭',
    'btn.createUser': '创建用户',
    'btn.rotate': '轮换通行证签名密钥',
    'list.empty': '暂无通行证',
    'list.reviewEmpty': '没有待审核的申请',
    'pass.pending': '待审核（未编号）',
    'pass.route': '线路',
    'pass.cross': '跨省',
    'pass.driver': '驾驶员',
    'pass.cargo': '货物',
    'pass.tonnage': '吨位',
    'pass.valid': '有效期',
    'pass.created': '申请时间',
    'pass.issued': '签发时间',
    'pass.revokedAt': '撤销时间',
    'pass.rejectionReason': '驳回原因',
    'pass.revocationReason': '撤销原因',
    'pass.yes': '是',
    'pass.no': '否',
    'pass.qrAlt': '通行证二维码 {pn}',
    'pass.noQr': '签发后才有二维码',
    'ok.registered': '注册成功，已登录',
    'ok.issued': '通行证已签发：{pn}',
    'ok.pending': '已提交，跨省通行证等待审核',
    'ok.approved': '已批准',
    'ok.rejected': '已驳回',
    'ok.revoked': '已撤销',
    'ok.user': '已创建用户 {u}（{r}）',
    'ok.rotated': '新密钥 {kid} 已启用',
    'keys.intro':
      '轮换后新签发的通行证使用新密钥；旧密钥继续公布并受信任，直到它签发的通行证全部过期。',
    'keys.confirm': '确定要轮换签名密钥吗？',
    'keys.published': '当前公布的公钥',
    'keys.retired': '已退役：{kid}',
    'reject.prompt': '请填写驳回原因',
    'revoke.prompt': '请填写撤销原因',
    'register.hint': '注册后即可用该用户名登录，申请通行证。',
  },
  en: {
    'app.title': 'Vehicle e-Pass',
    'lang.aria': 'Switch language',
    'lang.other': '中文',
    logout: 'Sign out',
    'err.network': 'Network unavailable, please retry',
    'session.expired': 'Your session expired, please sign in again',
    'auth.login': 'Sign in',
    'auth.register': 'Register enterprise',
    'auth.welcome': 'Enterprises apply for freight vehicle passes online; checkpoints scan them.',
    'tab.passes': 'My passes',
    'tab.apply': 'Apply',
    'tab.review': 'Review queue',
    'tab.all': 'All passes',
    'tab.users': 'Users',
    'tab.keys': 'Signing keys',
    'role.enterprise': 'Enterprise',
    'role.official': 'Official',
    'role.officer': 'Officer',
    'role.admin': 'Admin',
    'status.all': 'All statuses',
    'status.pending_review': 'Pending review',
    'status.issued': 'Issued',
    'status.rejected': 'Rejected',
    'status.revoked': 'Revoked',
    'f.name': 'Enterprise name',
    'f.creditCode': 'Unified social credit code',
    'f.division': 'Location',
    'f.contactName': 'Contact person',
    'f.contactPhone': 'Contact phone',
    'f.username': 'Username',
    'f.password': 'Password (8+ characters)',
    'f.plate': 'Plate',
    'f.driverName': 'Driver name',
    'f.driverPhone': 'Driver mobile',
    'f.cargoCategory': 'Cargo category',
    'f.cargoDescription': 'Cargo description (optional)',
    'f.tonnage': 'Tonnage (tons)',
    'f.origin': 'Origin (county)',
    'f.destination': 'Destination (county)',
    'f.validFrom': 'Valid from',
    'f.validUntil': 'Valid until',
    'f.reason': 'Reason',
    'f.role': 'Role',
    'f.checkpointCode': 'Checkpoint code',
    'f.search': 'Find by plate',
    'div.province': 'Province',
    'div.city': 'City',
    'div.county': 'County',
    'div.choose': 'Choose',
    'div.fallback': 'Division list unavailable: type the 6-digit county code',
    'div.loading': 'Loading…',
    'hint.creditCode': '18 characters, the last is a check character',
    'v.required': 'Required',
    'v.length': 'Must be 18 characters ({n} now)',
    'v.charset': 'Contains a character not used (no I, O, Z, S, V)',
    'v.category': 'The first two characters (authority and category) are wrong',
    'v.division': 'Characters 3–8 must be a division code',
    'v.check': 'Wrong check character: the first 17 give “{c}”',
    'v.creditOk': 'Check character valid',
    'v.plate': 'Not a valid plate (e.g. 豫B12345, 豫BD12345, 豫B1234挂)',
    'v.plateOk': 'Will be stored as {plate}',
    'v.tonnage': 'Tons greater than 0, at most 3 decimals',
    'v.tonnageOk': '= {kg} kg',
    'v.phone': '11-digit mobile number',
    'v.username': '3–64 lower-case letters, digits or . _ @ -',
    'v.password': 'At least 8 characters',
    'v.county': 'Choose down to a county',
    'v.until': 'Must be after the start',
    'v.cross': 'Cross-province passes are reviewed by an official',
    'v.fix': 'Please correct the fields marked in red',
    'btn.register': 'Register',
    'btn.apply': 'Submit application',
    'btn.busy': 'Submitting…',
    'btn.filter': 'Search',
    'btn.more': 'Load more',
    'btn.open': 'Open',
    'btn.approve': 'Approve',
    'btn.reject': 'Reject',
    'btn.revoke': 'Revoke pass',
    'btn.confirmRevoke': 'Confirm revocation',
    'btn.png': 'Download QR PNG',
    'btn.print': 'Print A4 pass',
    'btn.close': 'Close',
    'btn.createUser': 'Create user',
    'btn.rotate': 'Rotate pass-signing key',
    'list.empty': 'No passes yet',
    'list.reviewEmpty': 'No applications waiting for review',
    'pass.pending': 'Pending review (no number yet)',
    'pass.route': 'Route',
    'pass.cross': 'Cross-province',
    'pass.driver': 'Driver',
    'pass.cargo': 'Cargo',
    'pass.tonnage': 'Tonnage',
    'pass.valid': 'Valid',
    'pass.created': 'Applied',
    'pass.issued': 'Issued',
    'pass.revokedAt': 'Revoked',
    'pass.rejectionReason': 'Rejection reason',
    'pass.revocationReason': 'Revocation reason',
    'pass.yes': 'Yes',
    'pass.no': 'No',
    'pass.qrAlt': 'QR code of pass {pn}',
    'pass.noQr': 'The QR code appears once the pass is issued',
    'ok.registered': 'Registered and signed in',
    'ok.issued': 'Pass issued: {pn}',
    'ok.pending': 'Submitted; cross-province passes wait for review',
    'ok.approved': 'Approved',
    'ok.rejected': 'Rejected',
    'ok.revoked': 'Revoked',
    'ok.user': 'Created user {u} ({r})',
    'ok.rotated': 'New key {kid} is active',
    'keys.intro':
      'New passes are signed with the new key; old keys stay published and trusted until every pass they signed has expired.',
    'keys.confirm': 'Rotate the pass-signing key?',
    'keys.published': 'Published public keys',
    'keys.retired': 'Retired: {kid}',
    'reject.prompt': 'Reason for rejection',
    'revoke.prompt': 'Reason for revocation',
    'register.hint': 'After registering, sign in with this username to apply for passes.',
  },
};

const i18n = createI18n(dict);
const { t } = i18n;
const session = createSession();
const api = createApi({
  token: () => session.token(),
  onUnauthorized: () => {
    session.clear();
    toast(t('session.expired'), 'error');
    render();
  },
});

const app = document.getElementById('app');
const dialog = /** @type {HTMLDialogElement} */ (document.getElementById('pass-dialog'));
const dialogBody = document.getElementById('pass-dialog-body');
let currentTab = null;
let authMode = 'login';

const TABS = {
  enterprise: ['passes', 'apply'],
  official: ['review', 'all'],
  admin: ['all', 'users', 'keys'],
};

/**
 * An element whose text follows the language toggle.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} key
 * @param {Record<string, unknown>} [attrs]
 */
const tx = (tag, key, attrs = {}) => h(tag, { ...attrs, 'data-i18n': key }, t(key));
const cargoLabel = (code) => CARGO_LABELS[code]?.[i18n.lang] ?? code ?? '—';
const statusBadge = (status) =>
  h('span', { class: `badge badge-${status}` }, t(`status.${status}`));

function fail(error, target) {
  const text = errorText(error, t);
  if (target) target.textContent = text;
  else toast(text, 'error');
}

// ---------------------------------------------------------------------------------------------
// Shell

function render() {
  const current = session.get();
  const who = document.getElementById('who');
  document.getElementById('logout').hidden = !current;
  if (!current) {
    who.textContent = '';
    renderAuth();
    return;
  }
  const role = current.claims.role ?? current.role;
  who.textContent = `${current.claims.usr ?? ''} · ${t(`role.${role}`)}`;
  const tabs = TABS[role];
  if (!tabs) {
    // A session of another page's role (an officer): this page has nothing for it.
    session.clear();
    render();
    return;
  }
  if (!tabs.includes(currentTab)) currentTab = tabs[0];
  const content = h('div', {});
  const bar = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    tabs.map((tab) =>
      tx('button', `tab.${tab}`, {
        type: 'button',
        role: 'tab',
        'aria-selected': String(tab === currentTab),
        onclick: () => {
          currentTab = tab;
          render();
        },
      }),
    ),
  );
  app.replaceChildren(bar, content);
  const views = {
    passes: () => passList(content, { scope: 'own' }),
    apply: () => applyForm(content),
    review: () => passList(content, { status: 'pending_review', review: true }),
    all: () => passList(content, { scope: 'all' }),
    users: () => usersView(content),
    keys: () => keysView(content),
  };
  views[currentTab]();
}

function renderAuth() {
  const box = h('div', {});
  const tabs = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    ['login', 'register'].map((mode) =>
      tx('button', `auth.${mode}`, {
        type: 'button',
        role: 'tab',
        'aria-selected': String(mode === authMode),
        onclick: () => {
          authMode = mode;
          renderAuth();
        },
      }),
    ),
  );
  app.replaceChildren(tx('p', 'auth.welcome', { class: 'welcome muted' }), tabs, box);
  if (authMode === 'login') {
    mountLogin(box, {
      i18n,
      session,
      loginUrl: '/v1/auth/login',
      roles: ['enterprise', 'official', 'admin'],
      onLogin: () => {
        currentTab = null;
        render();
      },
    });
  } else {
    registerForm(box);
  }
}

// ---------------------------------------------------------------------------------------------
// Form helpers

/**
 * What a field's `check` answers: valid or not, and the hint to show (the field's own hint when
 * `text` is absent).
 * @typedef {{ ok: boolean, text?: string }} CheckResult
 */

/**
 * The options of `field`: the input's type (`select` and `textarea` make those elements), its
 * check, extra attributes and the i18n key of its resting hint.
 * @typedef {{ type?: string, check?: (value: string) => CheckResult,
 *   attrs?: Record<string, unknown>, hintKey?: string }} FieldOptions
 */

/**
 * A labelled input with a hint line; `check(value)` returns `{ ok, text }` for inline validation.
 * @param {string} id
 * @param {string} key
 * @param {FieldOptions} [options]
 */
function field(id, key, { type = 'text', check, attrs = {}, hintKey } = {}) {
  const input = h(type === 'select' ? 'select' : type === 'textarea' ? 'textarea' : 'input', {
    id,
    name: id,
    'aria-describedby': `${id}-hint`,
    ...(type !== 'select' && type !== 'textarea' ? { type } : {}),
    ...attrs,
  });
  const hint = h(
    'p',
    { class: 'hint', id: `${id}-hint`, 'aria-live': 'polite' },
    hintKey ? t(hintKey) : '',
  );
  const wrap = h('div', {}, tx('label', key, { for: id }), input, hint);
  const validate = (show = true) => {
    if (!check) return true;
    const result = check(input.value);
    if (show || result.ok) {
      input.setAttribute('aria-invalid', String(!result.ok));
      hint.textContent = result.text ?? (hintKey ? t(hintKey) : '');
      hint.className = `hint ${result.ok ? (result.text ? 'ok' : '') : 'bad'}`;
    }
    return result.ok;
  };
  input.addEventListener('input', () => validate(input.getAttribute('aria-invalid') === 'true'));
  input.addEventListener('blur', () => validate(input.value !== ''));
  return { wrap, input, hint, validate };
}

const required = (min, max) => (value) => {
  const v = value.trim();
  if (v.length < min) return { ok: false, text: t('v.required') };
  return { ok: v.length <= max, text: v.length <= max ? '' : `≤ ${max}` };
};

function checkCreditCode(value) {
  const code = normalizeCreditCode(value);
  if (!code) return { ok: false, text: t('v.required') };
  const problem = creditCodeProblem(code);
  if (!problem) return { ok: true, text: `${t('v.creditOk')} · ${code}` };
  if (problem.problem === 'length') return { ok: false, text: t('v.length', { n: code.length }) };
  if (problem.problem === 'check')
    return { ok: false, text: t('v.check', { c: problem.expected }) };
  return { ok: false, text: t(`v.${problem.problem}`) };
}

function checkPlate(value) {
  const parsed = parsePlate(value);
  return parsed.ok
    ? { ok: true, text: t('v.plateOk', { plate: parsed.plate }) }
    : { ok: false, text: t('v.plate') };
}

function checkTonnage(value) {
  const kg = parseTonsToKg(value);
  return kg === undefined
    ? { ok: false, text: t('v.tonnage') }
    : { ok: true, text: t('v.tonnageOk', { kg: kg.toLocaleString() }) };
}

const checkPhone = (value) =>
  normalizeMobile(value) ? { ok: true } : { ok: false, text: t('v.phone') };

const divisionCache = new Map();
async function loadDivisions(parent) {
  const key = parent ?? '';
  if (!divisionCache.has(key)) {
    const query = parent ? `?parent=${encodeURIComponent(parent)}` : '';
    const promise = api.get(`/v1/divisions${query}`).then((r) => r.divisions);
    divisionCache.set(key, promise);
    promise.catch(() => divisionCache.delete(key));
  }
  return divisionCache.get(key);
}

/**
 * Province → city → county selects fed by `GET /v1/divisions`. If that route fails, a six-digit
 * code field takes their place so the form still works.
 */
function divisionPicker(id, key, onChange = () => {}) {
  const levels = ['province', 'city', 'county'];
  const selects = levels.map((level) =>
    h('select', {
      id: `${id}-${level}`,
      'aria-label': `${t(key)} · ${t(`div.${level}`)}`,
      disabled: level !== 'province',
    }),
  );
  const fallback = h('input', {
    id: `${id}-code`,
    inputmode: 'numeric',
    pattern: '\\d{6}',
    maxlength: 6,
    hidden: true,
    'aria-label': t(key),
  });
  const hint = h('p', { class: 'hint', id: `${id}-hint`, 'aria-live': 'polite' });
  const wrap = h(
    'fieldset',
    { 'aria-describedby': `${id}-hint` },
    tx('legend', key),
    h('div', { class: 'division-picker' }, selects, fallback),
    hint,
  );
  const fill = (select, items) => {
    select.replaceChildren(
      h(
        'option',
        { value: '' },
        `${t(`div.${levels[selects.indexOf(select)]}`)} · ${t('div.choose')}`,
      ),
      ...items.map((d) => h('option', { value: d.code }, d.name)),
    );
    select.disabled = items.length === 0;
  };
  const useFallback = (error) => {
    selects.forEach((s) => (s.hidden = true));
    fallback.hidden = false;
    hint.textContent = `${t('div.fallback')} — ${errorText(error, t)}`;
  };
  selects.forEach((select, index) => {
    select.addEventListener('change', async () => {
      for (const later of selects.slice(index + 1)) fill(later, []);
      if (select.value && index < 2) {
        try {
          fill(selects[index + 1], await loadDivisions(select.value));
        } catch (error) {
          fail(error, hint);
        }
      }
      onChange();
    });
  });
  fallback.addEventListener('input', onChange);
  selects[0].append(h('option', { value: '' }, t('div.loading')));
  loadDivisions()
    .then((provinces) => fill(selects[0], provinces))
    .catch(useFallback);
  return {
    wrap,
    value: () => (fallback.hidden ? selects[2].value : fallback.value.trim()),
    validate() {
      const ok = /^\d{6}$/.test(this.value());
      const target = fallback.hidden ? selects[2] : fallback;
      target.setAttribute('aria-invalid', String(!ok));
      if (!ok) hint.textContent = t('v.county');
      else if (hint.textContent === t('v.county')) hint.textContent = '';
      return ok;
    },
  };
}

function submitButton(key) {
  return tx('button', key, { type: 'submit', class: 'btn btn-primary btn-block' });
}

async function busy(button, work) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = t('btn.busy');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

// ---------------------------------------------------------------------------------------------
// Registration

function registerForm(container) {
  const f = {
    name: field('reg-name', 'f.name', {
      check: required(2, 200),
      attrs: { autocomplete: 'organization' },
    }),
    creditCode: field('reg-credit', 'f.creditCode', {
      check: checkCreditCode,
      hintKey: 'hint.creditCode',
      attrs: { maxlength: 24, autocapitalize: 'characters', spellcheck: 'false' },
    }),
    contactName: field('reg-contact', 'f.contactName', {
      check: required(1, 50),
      attrs: { autocomplete: 'name' },
    }),
    contactPhone: field('reg-phone', 'f.contactPhone', {
      type: 'tel',
      check: checkPhone,
      attrs: { autocomplete: 'tel', inputmode: 'tel' },
    }),
    username: field('reg-username', 'f.username', {
      check: (v) => (isValidUsername(v) ? { ok: true } : { ok: false, text: t('v.username') }),
      attrs: { autocomplete: 'username', autocapitalize: 'none' },
    }),
    password: field('reg-password', 'f.password', {
      type: 'password',
      check: (v) =>
        v.length >= 8 && v.length <= 128 ? { ok: true } : { ok: false, text: t('v.password') },
      attrs: { autocomplete: 'new-password' },
    }),
  };
  const division = divisionPicker('reg-division', 'f.division');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const button = submitButton('btn.register');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    tx('h2', 'auth.register'),
    tx('p', 'register.hint', { class: 'muted small' }),
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
    error,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const results = [...Object.values(f).map((x) => x.validate(true)), division.validate()];
    if (results.includes(false)) {
      error.textContent = t('v.fix');
      /** @type {HTMLElement | null} */ (form.querySelector('[aria-invalid="true"]'))?.focus();
      return;
    }
    const body = {
      name: f.name.input.value.trim(),
      creditCode: normalizeCreditCode(f.creditCode.input.value),
      divisionCode: division.value(),
      contactName: f.contactName.input.value.trim(),
      contactPhone: normalizeMobile(f.contactPhone.input.value),
      username: f.username.input.value.trim().toLowerCase(),
      password: f.password.input.value,
    };
    await busy(button, async () => {
      try {
        await api.post('/v1/enterprises', body);
        const login = await api.post('/v1/auth/login', {
          username: body.username,
          password: body.password,
        });
        session.set(login);
        toast(t('ok.registered'), 'ok');
        authMode = 'login';
        currentTab = 'apply';
        render();
      } catch (e) {
        fail(e, error);
      }
    });
  });
  container.replaceChildren(form);
}

// ---------------------------------------------------------------------------------------------
// Apply for a pass

/** `datetime-local` value of a Date, in this device's zone. */
function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function applyForm(container) {
  const cargo = field('ap-cargo', 'f.cargoCategory', { type: 'select' });
  cargo.input.append(
    ...Object.keys(CARGO_LABELS).map((code) =>
      h('option', { value: code, dataset: { cargo: code } }, cargoLabel(code)),
    ),
  );
  const f = {
    plate: field('ap-plate', 'f.plate', {
      check: checkPlate,
      attrs: {
        autocapitalize: 'characters',
        spellcheck: 'false',
        maxlength: 32,
        placeholder: '豫B12345',
      },
    }),
    driverName: field('ap-driver', 'f.driverName', { check: required(1, 50) }),
    driverPhone: field('ap-driver-phone', 'f.driverPhone', {
      type: 'tel',
      check: checkPhone,
      attrs: { inputmode: 'tel' },
    }),
    tonnage: field('ap-tonnage', 'f.tonnage', {
      check: checkTonnage,
      attrs: { inputmode: 'decimal', placeholder: '12.5' },
    }),
    description: field('ap-desc', 'f.cargoDescription', {
      check: (v) => ({ ok: v.trim().length <= 200 }),
    }),
    validFrom: field('ap-from', 'f.validFrom', {
      type: 'datetime-local',
      check: (v) => ({ ok: !!v, text: v ? '' : t('v.required') }),
    }),
    validUntil: field('ap-until', 'f.validUntil', {
      type: 'datetime-local',
      check: (v) =>
        v && f.validFrom.input.value && new Date(v) > new Date(f.validFrom.input.value)
          ? { ok: true }
          : { ok: false, text: v ? t('v.until') : t('v.required') },
    }),
  };
  const now = new Date();
  f.validFrom.input.value = localInputValue(now);
  f.validUntil.input.value = localInputValue(new Date(now.getTime() + 3 * 86_400_000));
  const routeHint = h('p', { class: 'hint', 'aria-live': 'polite' });
  const onRoute = () => {
    const o = origin.value();
    const d = destination.value();
    routeHint.textContent = o && d && o.slice(0, 2) !== d.slice(0, 2) ? t('v.cross') : '';
    routeHint.className = 'hint bad';
  };
  const origin = divisionPicker('ap-origin', 'f.origin', onRoute);
  const destination = divisionPicker('ap-destination', 'f.destination', onRoute);
  const error = h('p', { class: 'form-error', role: 'alert' });
  const button = submitButton('btn.apply');
  // One key per application: a double click or a retry after a lost answer returns the same pass.
  let idempotencyKey = uuid();
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    tx('h2', 'tab.apply'),
    h(
      'div',
      { class: 'grid grid-2' },
      f.plate.wrap,
      f.tonnage.wrap,
      f.driverName.wrap,
      f.driverPhone.wrap,
      cargo.wrap,
      f.description.wrap,
    ),
    origin.wrap,
    destination.wrap,
    routeHint,
    h('div', { class: 'grid grid-2' }, f.validFrom.wrap, f.validUntil.wrap),
    error,
    button,
  );
  // Changing the application after a failed attempt makes it a new application.
  form.addEventListener('change', () => (idempotencyKey = uuid()));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    error.textContent = '';
    const results = [
      ...Object.values(f).map((x) => x.validate(true)),
      origin.validate(),
      destination.validate(),
    ];
    if (results.includes(false)) {
      error.textContent = t('v.fix');
      /** @type {HTMLElement | null} */ (form.querySelector('[aria-invalid="true"]'))?.focus();
      return;
    }
    const description = f.description.input.value.trim();
    const body = {
      // checkPlate accepted it above, so it parses.
      plate: /** @type {{ ok: true, plate: string }} */ (parsePlate(f.plate.input.value)).plate,
      driverName: f.driverName.input.value.trim(),
      driverPhone: normalizeMobile(f.driverPhone.input.value),
      cargoCategory: cargo.input.value,
      ...(description ? { cargoDescription: description } : {}),
      // Sent as the decimal text typed, never through a float.
      tonnage: f.tonnage.input.value.normalize('NFKC').trim(),
      originDivision: origin.value(),
      destinationDivision: destination.value(),
      validFrom: new Date(f.validFrom.input.value).toISOString(),
      validUntil: new Date(f.validUntil.input.value).toISOString(),
    };
    await busy(button, async () => {
      try {
        const pass = await api.post('/v1/passes', body, {
          headers: { 'Idempotency-Key': idempotencyKey },
        });
        idempotencyKey = uuid();
        toast(
          pass.status === 'issued' ? t('ok.issued', { pn: pass.passNumber }) : t('ok.pending'),
          'ok',
        );
        currentTab = 'passes';
        render();
        void openPass(pass.id);
      } catch (e) {
        fail(e, error);
      }
    });
  });
  container.replaceChildren(form);
}

// ---------------------------------------------------------------------------------------------
// Pass lists and the review queue

function passSummary(pass) {
  const reason = pass.rejectionReason ?? pass.revocationReason;
  return [
    h(
      'div',
      { class: 'pass-head' },
      h('span', { class: 'plate' }, pass.plate),
      statusBadge(pass.status),
      pass.crossProvince
        ? h('span', { class: 'badge badge-pending_review' }, t('pass.cross'))
        : null,
    ),
    h('div', {}, pass.passNumber ?? t('pass.pending')),
    h('div', { class: 'muted small' }, `${pass.originName} → ${pass.destinationName}`),
    h(
      'div',
      { class: 'small' },
      `${cargoLabel(pass.cargoCategory)} · ${pass.tonnage} t · ${formatTime(pass.validFrom, i18n.lang)} – ${formatTime(pass.validUntil, i18n.lang)}`,
    ),
    reason
      ? h(
          'div',
          { class: 'reason' },
          `${t(pass.rejectionReason ? 'pass.rejectionReason' : 'pass.revocationReason')}${i18n.lang === 'zh' ? '：' : ': '}${reason}`,
        )
      : null,
  ];
}

/** A reason field and a confirm button that call `action(reason)`. */
function reasonForm(promptKey, buttonKey, buttonClass, action) {
  const input = h('input', {
    'aria-label': t(promptKey),
    placeholder: t(promptKey),
    maxlength: 500,
    required: true,
  });
  const button = tx('button', buttonKey, { type: 'submit', class: `btn ${buttonClass}` });
  const form = h('form', { class: 'inline-form' }, input, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!input.value.trim()) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    await busy(button, () => action(input.value.trim()));
  });
  return { form, input };
}

/**
 * The pass list: the enterprise's own (`scope: 'own'`), all passes (`scope: 'all'`), or the
 * official's review queue (`status`, `review`).
 * @param {HTMLElement} container
 * @param {{ status?: string, scope?: string, review?: boolean }} options
 */
function passList(container, { status, scope, review = false }) {
  const items = h('div', { class: 'pass-list', 'aria-live': 'polite' });
  const more = tx('button', 'btn.more', { type: 'button', class: 'btn', hidden: true });
  const statusSelect = h(
    'select',
    { id: 'filter-status' },
    h('option', { value: '' }, t('status.all')),
    ['pending_review', 'issued', 'rejected', 'revoked'].map((s) =>
      h('option', { value: s }, t(`status.${s}`)),
    ),
  );
  const plateInput = h('input', {
    id: 'filter-plate',
    placeholder: '豫B12345',
    autocapitalize: 'characters',
  });
  const filters = review
    ? null
    : h(
        'form',
        { class: 'filters' },
        h('div', {}, tx('label', 'status.all', { for: 'filter-status' }), statusSelect),
        h('div', {}, tx('label', 'f.search', { for: 'filter-plate' }), plateInput),
        tx('button', 'btn.filter', { type: 'submit', class: 'btn btn-primary' }),
      );
  let cursor = null;

  async function load(reset) {
    if (reset) {
      cursor = null;
      items.replaceChildren();
    }
    const params = new URLSearchParams({ limit: '20' });
    const wanted = status ?? statusSelect.value;
    if (wanted) params.set('status', wanted);
    if (plateInput.value.trim()) params.set('plate', plateInput.value.trim());
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await api.get(`/v1/passes?${params}`);
      for (const pass of page.items) items.append(passCard(pass));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      if (!items.children.length)
        items.append(h('p', { class: 'empty' }, t(review ? 'list.reviewEmpty' : 'list.empty')));
    } catch (e) {
      fail(e);
    }
  }

  function passCard(pass) {
    const card = h(
      'article',
      { class: 'pass-item' },
      h(
        'button',
        { type: 'button', class: 'pass-open', onclick: () => openPass(pass.id, () => load(true)) },
        passSummary(pass),
      ),
    );
    if (review) {
      const approve = tx('button', 'btn.approve', { type: 'button', class: 'btn btn-ok' });
      approve.addEventListener('click', () =>
        busy(approve, async () => {
          try {
            await api.post(`/v1/passes/${pass.id}/approve`, {});
            toast(t('ok.approved'), 'ok');
            card.remove();
          } catch (e) {
            fail(e);
          }
        }),
      );
      const reject = reasonForm('reject.prompt', 'btn.reject', 'btn-danger', async (reason) => {
        try {
          await api.post(`/v1/passes/${pass.id}/reject`, { reason });
          toast(t('ok.rejected'), 'ok');
          card.remove();
        } catch (e) {
          fail(e);
        }
      });
      card.append(h('div', { class: 'actions' }, approve), reject.form);
    }
    return card;
  }

  filters?.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(true);
  });
  more.addEventListener('click', () => load(false));
  container.replaceChildren(
    h(
      'section',
      { class: 'card' },
      tx('h2', review ? 'tab.review' : scope === 'own' ? 'tab.passes' : 'tab.all'),
      filters,
      items,
      more,
    ),
  );
  void load(true);
}

// ---------------------------------------------------------------------------------------------
// One pass: QR, PNG, print, revoke, review

async function authorisedBlob(path) {
  return api.get(path, { as: 'blob' });
}

async function openPass(id, onChange = () => {}) {
  const role = session.get()?.claims.role;
  let pass;
  try {
    pass = await api.get(`/v1/passes/${id}`);
  } catch (e) {
    fail(e);
    return;
  }
  const close = tx('button', 'btn.close', {
    type: 'button',
    class: 'btn',
    onclick: () => dialog.close(),
  });
  const facts = [
    [
      'pass.route',
      `${pass.originName} (${pass.originDivision}) → ${pass.destinationName} (${pass.destinationDivision})`,
    ],
    ['pass.cross', t(pass.crossProvince ? 'pass.yes' : 'pass.no')],
    ['pass.driver', `${pass.driverName} ${pass.driverPhone}`],
    [
      'pass.cargo',
      `${cargoLabel(pass.cargoCategory)}${pass.cargoDescription ? ` · ${pass.cargoDescription}` : ''}`,
    ],
    ['pass.tonnage', `${pass.tonnage} t`],
    [
      'pass.valid',
      `${formatTime(pass.validFrom, i18n.lang)} – ${formatTime(pass.validUntil, i18n.lang)}`,
    ],
    ['pass.created', formatTime(pass.createdAt, i18n.lang)],
    ['pass.issued', pass.issuedAt ? formatTime(pass.issuedAt, i18n.lang) : null],
    ['pass.revokedAt', pass.revokedAt ? formatTime(pass.revokedAt, i18n.lang) : null],
    ['pass.rejectionReason', pass.rejectionReason],
    ['pass.revocationReason', pass.revocationReason],
  ].filter(([, value]) => value);
  const qrBox = h('div', { class: 'qr-box' });
  const actions = h('div', { class: 'actions' });
  const extra = h('div', {});
  const title = h('h2', { id: 'pass-dialog-title' }, pass.passNumber ?? t('pass.pending'));
  dialogBody.replaceChildren(
    h(
      'div',
      { class: 'dialog-inner' },
      h(
        'div',
        { class: 'pass-head' },
        h('span', { class: 'plate' }, pass.plate),
        statusBadge(pass.status),
      ),
      title,
      qrBox,
      h(
        'dl',
        { class: 'facts' },
        facts.map(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]),
      ),
      actions,
      extra,
      h('div', { class: 'actions' }, close),
    ),
  );
  if (!dialog.open) dialog.showModal();

  const changed = (message) => {
    toast(message, 'ok');
    onChange();
    void openPass(id, onChange);
  };

  if (pass.status === 'issued') {
    authorisedBlob(`/v1/passes/${id}/qr.svg`)
      .then((blob) => {
        const url = URL.createObjectURL(blob);
        qrBox.replaceChildren(
          h('img', {
            src: url,
            alt: t('pass.qrAlt', { pn: pass.passNumber }),
            onload: () => URL.revokeObjectURL(url),
          }),
        );
      })
      .catch((e) => fail(e, qrBox));
    const png = tx('button', 'btn.png', { type: 'button', class: 'btn btn-primary' });
    png.addEventListener('click', () =>
      busy(png, async () => {
        try {
          const blob = await authorisedBlob(`/v1/passes/${id}/qr.png`);
          const url = URL.createObjectURL(blob);
          h('a', { href: url, download: `epass-${pass.passNumber}.png` }).click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        } catch (e) {
          fail(e);
        }
      }),
    );
    const print = tx('button', 'btn.print', { type: 'button', class: 'btn' });
    print.addEventListener('click', async () => {
      // Opened before the fetch so the click still counts as the user's and no pop-up blocker steps in.
      const win = window.open('', '_blank');
      try {
        const html = await api.get(`/v1/passes/${id}/print`, { as: 'text' });
        if (win) {
          win.document.open();
          win.document.write(html);
          win.document.close();
          win.focus();
        } else {
          const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
          h('a', { href: url, download: `epass-${pass.passNumber}.html` }).click();
        }
      } catch (e) {
        win?.close();
        fail(e);
      }
    });
    actions.append(png, print);
  } else {
    qrBox.replaceChildren(h('p', { class: 'muted' }, t('pass.noQr')));
  }

  if (role === 'official' && pass.status === 'pending_review') {
    const approve = tx('button', 'btn.approve', { type: 'button', class: 'btn btn-ok' });
    approve.addEventListener('click', () =>
      busy(approve, async () => {
        try {
          await api.post(`/v1/passes/${id}/approve`, {});
          changed(t('ok.approved'));
        } catch (e) {
          fail(e);
        }
      }),
    );
    actions.append(approve);
    extra.append(
      reasonForm('reject.prompt', 'btn.reject', 'btn-danger', async (reason) => {
        try {
          await api.post(`/v1/passes/${id}/reject`, { reason });
          changed(t('ok.rejected'));
        } catch (e) {
          fail(e);
        }
      }).form,
    );
  }
  if (pass.status === 'issued') {
    const revoke = tx('button', 'btn.revoke', { type: 'button', class: 'btn btn-danger' });
    revoke.addEventListener('click', () => {
      revoke.hidden = true;
      const form = reasonForm(
        'revoke.prompt',
        'btn.confirmRevoke',
        'btn-danger',
        async (reason) => {
          try {
            await api.post(`/v1/passes/${id}/revoke`, { reason });
            changed(t('ok.revoked'));
          } catch (e) {
            fail(e);
          }
        },
      );
      extra.append(form.form);
      form.input.focus();
    });
    actions.append(revoke);
  }
}

// ---------------------------------------------------------------------------------------------
// Admin

function usersView(container) {
  const role = field('u-role', 'f.role', { type: 'select' });
  role.input.append(
    ...['official', 'officer', 'admin'].map((r) => h('option', { value: r }, t(`role.${r}`))),
  );
  const username = field('u-username', 'f.username', {
    check: (v) => (isValidUsername(v) ? { ok: true } : { ok: false, text: t('v.username') }),
    attrs: { autocomplete: 'off', autocapitalize: 'none' },
  });
  const password = field('u-password', 'f.password', {
    type: 'password',
    check: (v) => (v.length >= 8 ? { ok: true } : { ok: false, text: t('v.password') }),
    attrs: { autocomplete: 'new-password' },
  });
  const checkpoint = field('u-checkpoint', 'f.checkpointCode', {
    check: (v) => ({ ok: /^[A-Za-z0-9_-]{1,50}$/.test(v.trim()), text: t('v.required') }),
    attrs: { placeholder: 'KF-01' },
  });
  const syncCheckpoint = () => (checkpoint.wrap.hidden = role.input.value !== 'officer');
  role.input.addEventListener('change', syncCheckpoint);
  syncCheckpoint();
  const error = h('p', { class: 'form-error', role: 'alert' });
  const created = h('ul', { class: 'small' });
  const button = submitButton('btn.createUser');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    tx('h2', 'tab.users'),
    h('div', { class: 'grid grid-2' }, role.wrap, checkpoint.wrap, username.wrap, password.wrap),
    error,
    button,
    created,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const officer = role.input.value === 'officer';
    const ok = [
      username.validate(true),
      password.validate(true),
      officer ? checkpoint.validate(true) : true,
    ];
    if (ok.includes(false)) {
      error.textContent = t('v.fix');
      return;
    }
    const body = {
      username: username.input.value.trim().toLowerCase(),
      password: password.input.value,
      role: role.input.value,
      ...(officer ? { checkpointCode: checkpoint.input.value.trim() } : {}),
    };
    await busy(button, async () => {
      try {
        const user = await api.post('/v1/users', body);
        const text = t('ok.user', { u: user.username, r: t(`role.${user.role}`) });
        toast(text, 'ok');
        created.prepend(
          h('li', {}, `${text}${user.checkpointCode ? ` · ${user.checkpointCode}` : ''}`),
        );
        username.input.value = '';
        password.input.value = '';
      } catch (e) {
        fail(e, error);
      }
    });
  });
  container.replaceChildren(form);
}

function keysView(container) {
  const list = h('ul', { class: 'small' });
  const result = h('p', { 'aria-live': 'polite' });
  const button = tx('button', 'btn.rotate', { type: 'button', class: 'btn btn-danger' });
  const loadKeys = async () => {
    try {
      const jwks = await api.get('/.well-known/jwks.json');
      list.replaceChildren(...jwks.keys.map((k) => h('li', {}, h('code', {}, k.kid))));
    } catch (e) {
      fail(e, list);
    }
  };
  button.addEventListener('click', async () => {
    if (!confirm(t('keys.confirm'))) return;
    await busy(button, async () => {
      try {
        const rotation = await api.post('/v1/signing-keys/rotate', {});
        result.textContent = `${t('ok.rotated', { kid: rotation.kid })}${rotation.retiredKid ? ` · ${t('keys.retired', { kid: rotation.retiredKid })}` : ''}`;
        toast(t('ok.rotated', { kid: rotation.kid }), 'ok');
        await loadKeys();
      } catch (e) {
        fail(e, result);
      }
    });
  });
  container.replaceChildren(
    h(
      'section',
      { class: 'card' },
      tx('h2', 'tab.keys'),
      tx('p', 'keys.intro', { class: 'muted' }),
      button,
      result,
      tx('h3', 'keys.published'),
      list,
    ),
  );
  void loadKeys();
}

// ---------------------------------------------------------------------------------------------

const langButton = document.getElementById('lang-toggle');
langButton.textContent = t('lang.other');
langButton.addEventListener('click', () => i18n.set(i18n.lang === 'zh' ? 'en' : 'zh'));
i18n.onChange(() => {
  langButton.textContent = t('lang.other');
  if (dialog.open) dialog.close();
  for (const option of /** @type {NodeListOf<HTMLOptionElement>} */ (
    document.querySelectorAll('option[data-cargo]')
  ))
    option.textContent = cargoLabel(option.dataset.cargo);
  // Forms translate in place (data-i18n); lists and the header carry dynamic text, so redraw them.
  if (!session.get()) {
    if (authMode === 'login') render();
  } else if (['passes', 'review', 'all', 'keys'].includes(currentTab)) render();
  else {
    const current = session.get();
    document.getElementById('who').textContent =
      `${current.claims.usr ?? ''} · ${t(`role.${current.claims.role}`)}`;
  }
});
document.getElementById('logout').addEventListener('click', () => {
  session.clear();
  currentTab = null;
  render();
});
i18n.apply();
render();
