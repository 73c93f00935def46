/** The login page: email, password, one clear error line. */
import { h, setText } from './dom';

export interface LoginViewOptions {
  brand: string;
  /** Resolves when logged in; rejects with the text to show. */
  onSubmit(email: string, password: string): Promise<void>;
}

export function createLoginView(opts: LoginViewOptions): HTMLElement {
  const email = h('input', { id: 'login-email', name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert', id: 'login-error', hidden: true });
  const submit = h('button', { class: 'btn primary', type: 'submit' }, 'Log in');
  const form = h(
    'form',
    { 'aria-labelledby': 'login-title', novalidate: true },
    h('h1', { id: 'login-title' }, `${opts.brand} agent console`),
    h('p', {}, 'Log in with the account your admin created for you.'),
    error,
    h('label', { for: 'login-email' }, 'Email', email),
    h('label', { for: 'login-password' }, 'Password', password),
    submit,
  );
  function showError(text: string, field?: HTMLInputElement) {
    setText(error, text);
    error.hidden = false;
    for (const f of [email, password]) f.removeAttribute('aria-invalid');
    if (field) field.setAttribute('aria-invalid', 'true');
    (field ?? email).focus();
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const e = email.value.trim();
    if (!e) return showError('Enter your email address.', email);
    if (!password.value) return showError('Enter your password.', password);
    submit.disabled = true;
    setText(submit, 'Logging in…');
    opts.onSubmit(e, password.value).then(
      () => undefined,
      (err: unknown) => {
        submit.disabled = false;
        setText(submit, 'Log in');
        password.value = '';
        showError(err instanceof Error ? err.message : String(err), password);
      },
    );
  });
  queueMicrotask(() => email.focus());
  return h('main', { class: 'login' }, form);
}
