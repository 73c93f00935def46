/**
 * The console's Team section (admins): every staff account with its role and state; add an
 * account, change a role, disable or enable, reset a password, remove. Changes that take rights
 * away are confirmed first and end the account's open consoles at once (the server does that).
 * One-time passwords are shown once, in the page, to hand over.
 */
import type { AgentRole } from '../../../protocol/agent';
import { ask } from '../dialogs';
import { h, replace, selectOf, setText } from '../dom';
import { registerSection, type SectionContext } from '../sections';
import { ensureTrainingStyles } from '../training/styles';
import { createTeamApi, type AccountView } from './api';

const ROLES: ReadonlyArray<readonly [AgentRole, string]> = [
  ['agent', 'Agent'],
  ['operator', 'Operator'],
  ['admin', 'Admin'],
];

/** Asks a yes/no question about a risky change; resolves true when confirmed. */
function confirm(title: string, text: string, action: string): Promise<boolean> {
  return ask<boolean>(title, (finish) => {
    const cancel = h('button', { class: 'btn', type: 'button' }, 'Cancel');
    cancel.addEventListener('click', () => finish(false));
    return {
      body: [h('p', {}, text), h('div', { class: 'buttons' }, cancel, h('button', { class: 'btn primary danger', type: 'submit' }, action))],
      submit: () => finish(true),
      focus: cancel,
    };
  }).then((v) => v === true);
}

export function mountTeam(el: HTMLElement, ctx: SectionContext): () => void {
  ensureTrainingStyles();
  const api = createTeamApi({ csrfToken: () => ctx.csrfToken() });
  const status = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  const secret = h('div', { class: 'panel one-time', role: 'region', 'aria-label': 'One-time password', hidden: true });
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'data team' },
    h('caption', { class: 'vh' }, 'Staff accounts'),
    h('thead', {}, h('tr', {}, ...['Name', 'Email', 'Role', 'State', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );

  function say(text: string) {
    setText(status, text);
  }
  const failed = (what: string) => (err: unknown) => say(`Could not ${what}: ${(err as Error).message}`);

  function showPassword(account: AccountView, password: string) {
    const value = h('code', { class: 'mono' }, password);
    const copy = h('button', { type: 'button', class: 'btn small' }, 'Copy');
    copy.addEventListener('click', () => void navigator.clipboard?.writeText(password).then(() => say('Password copied.'), () => say('Select the password and copy it.')));
    const done = h('button', { type: 'button', class: 'btn small' }, 'Done');
    done.addEventListener('click', () => {
      replace(secret);
      secret.hidden = true;
    });
    replace(
      secret,
      h('p', {}, `One-time password for ${account.name} <${account.email}>, shown only now. Hand it over privately; they log in with it.`),
      h('p', {}, value, ' ', copy, ' ', done),
    );
    secret.hidden = false;
    copy.focus();
  }

  function row(a: AccountView): HTMLTableRowElement {
    const roleSelect = selectOf({ 'aria-label': `Role of ${a.name}` }, ROLES);
    roleSelect.value = a.role;
    roleSelect.addEventListener('change', () => {
      const role = roleSelect.value as AgentRole;
      void confirm('Change role?', `${a.name} becomes ${role}. Their open consoles are signed out and they log in again with the new rights.`, 'Change role').then(
        async (yes) => {
          if (!yes) {
            roleSelect.value = a.role;
            return;
          }
          await api.setRole(a.id, role).then(() => say(`${a.name} is now ${role}.`), failed('change the role'));
          await refresh();
        },
      );
    });
    const toggle = h('button', { type: 'button', class: 'btn small' }, a.disabled ? 'Enable' : 'Disable');
    toggle.addEventListener('click', async () => {
      if (!a.disabled && !(await confirm('Disable account?', `${a.name} can no longer log in, and their open consoles close now. Their chats go back to the queue.`, 'Disable'))) return;
      await api.setDisabled(a.id, !a.disabled).then(() => say(`${a.name} is ${a.disabled ? 'enabled' : 'disabled'}.`), failed(a.disabled ? 'enable' : 'disable'));
      await refresh();
    });
    const reset = h('button', { type: 'button', class: 'btn small' }, 'Reset password');
    reset.addEventListener('click', async () => {
      if (!(await confirm('Reset password?', `${a.name} gets a new one-time password; the old one stops working and their open consoles close.`, 'Reset password'))) return;
      await api.resetPassword(a.id).then((r) => showPassword(r.account, r.password), failed('reset the password'));
    });
    const remove = h('button', { type: 'button', class: 'btn small danger' }, 'Remove');
    remove.addEventListener('click', async () => {
      if (!(await confirm('Remove account?', `${a.name}'s account is deleted. Their past chats and notes keep their name.`, 'Remove'))) return;
      await api.remove(a.id).then(() => say(`${a.name} was removed.`), failed('remove the account'));
      await refresh();
    });
    return h(
      'tr',
      { 'data-account': a.id, class: a.disabled ? 'disabled' : '' },
      h('td', {}, a.name),
      h('td', {}, a.email),
      h('td', {}, roleSelect),
      h('td', {}, a.disabled ? 'Disabled' : 'Active'),
      h('td', { class: 'actions' }, toggle, ' ', reset, ' ', remove),
    );
  }

  async function refresh() {
    try {
      const { accounts } = await api.list();
      replace(body, ...accounts.map(row));
    } catch (err) {
      failed('load the accounts')(err);
    }
  }

  // Add an account.
  const email = h('input', { id: 'team-email', type: 'email', autocomplete: 'off', maxlength: '254' });
  const name = h('input', { id: 'team-name', autocomplete: 'off', maxlength: '80' });
  const role = selectOf({ id: 'team-role' }, ROLES);
  const capacity = h('input', { id: 'team-capacity', type: 'number', min: '1', max: '50', value: '3' });
  const formError = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'toolbar team-add', novalidate: '', 'aria-label': 'Add an account' },
    h('label', { for: 'team-name' }, 'Name '),
    name,
    h('label', { for: 'team-email' }, 'Email '),
    email,
    h('label', { for: 'team-role' }, 'Role '),
    role,
    h('label', { for: 'team-capacity' }, 'Chats at once '),
    capacity,
    h('button', { type: 'submit', class: 'btn small primary' }, 'Add account'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const cap = Number(capacity.value);
    const problem = !name.value.trim()
      ? 'Give a name.'
      : !/^[^\s@]+@[^\s@]+$/.test(email.value.trim())
        ? 'Give an email address.'
        : !Number.isInteger(cap) || cap < 1 || cap > 50
          ? 'Chats at once is a whole number from 1 to 50.'
          : '';
    setText(formError, problem);
    formError.hidden = !problem;
    if (problem) return;
    void api.create({ email: email.value.trim(), name: name.value.trim(), role: role.value as AgentRole, capacity: cap }).then(
      async (r) => {
        form.reset();
        showPassword(r.account, r.password);
        say(`Added ${r.account.name}.`);
        await refresh();
      },
      (err: Error) => {
        setText(formError, err.message);
        formError.hidden = false;
      },
    );
  });

  el.append(h('div', { class: 'training team-section' }, h('h1', {}, 'Team'), h('h2', {}, 'Add an account'), form, formError, secret, status, table));
  void refresh();
  return () => undefined;
}

registerSection({ id: 'team', label: 'Team', roles: ['admin'], mount: mountTeam });
