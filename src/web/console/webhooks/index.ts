/**
 * The console's Webhooks section (operators and admins): the endpoints events are POSTed to, a
 * form to add one (its signing secret is shown once), and the recent deliveries with their
 * status, attempts and last error, each of which can be sent again.
 */
import { WEBHOOK_EVENTS, DELIVERY_STATUSES, type DeliveryStatus, type WebhookEndpointView } from '../../../protocol/webhooks';
import { h, replace, selectOf, setText } from '../dom';
import { registerSection, type SectionContext } from '../sections';
import { confirmAction } from '../training/confirm';
import { ensureTrainingStyles } from '../training/styles';
import { createWebhooksApi } from './api';
import { canResend, deliveryStatusLabel, outcomeText } from './format';
import { ensureWebhookStyles } from './styles';

const NO_ENDPOINTS = 'No endpoints yet. Add one below to have escalations, cases and ratings POSTed to your systems.';
const NO_DELIVERIES = 'No deliveries to show. Deliveries appear here when an event is sent to an endpoint.';

export function mountWebhooks(el: HTMLElement, ctx: SectionContext): () => void {
  ensureTrainingStyles();
  ensureWebhookStyles();
  const api = createWebhooksApi({ csrfToken: () => ctx.csrfToken() });
  let endpoints: WebhookEndpointView[] = [];

  const status = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  const secretBox = h('div', { class: 'panel secret-once', hidden: true, role: 'region', 'aria-label': 'New signing secret' });

  // Endpoints
  const endpointRows = h('tbody');
  const endpointTable = h(
    'table',
    { class: 'data webhook-endpoints' },
    h('caption', { class: 'vh' }, 'Webhook endpoints'),
    h('thead', {}, h('tr', {}, ...['URL', 'Events', 'Description', 'Secret', 'State', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
    endpointRows,
  );
  const endpointsEmpty = h('p', { class: 'empty', hidden: true }, NO_ENDPOINTS);

  // Add form
  const urlInput = h('input', { id: 'webhook-url', type: 'url', required: true, placeholder: 'https://crm.example.com/hooks/chat', autocomplete: 'off' });
  const descInput = h('input', { id: 'webhook-description', type: 'text', maxlength: '200', placeholder: 'What receives it (optional)' });
  const boxes = WEBHOOK_EVENTS.map((e) => h('input', { type: 'checkbox', value: e, checked: true, id: `webhook-event-${e.replace('.', '-')}` }));
  const formError = h('p', { class: 'form-error', id: 'webhook-form-error', hidden: true });
  const form = h(
    'form',
    { class: 'panel webhook-form', 'aria-labelledby': 'webhook-form-title', novalidate: true },
    h('h3', { id: 'webhook-form-title' }, 'Add endpoint'),
    h('label', { for: 'webhook-url' }, 'URL'),
    urlInput,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Events'),
      ...boxes.map((b) => h('label', { class: 'check', for: b.id }, b, ` ${b.value}`)),
    ),
    h('label', { for: 'webhook-description' }, 'Description'),
    descInput,
    formError,
    h('button', { type: 'submit', class: 'btn primary' }, 'Add endpoint'),
  );

  // Deliveries
  const statusFilter = selectOf({ id: 'webhook-status-filter' }, [['', 'All statuses'], ...DELIVERY_STATUSES.map((s) => [s, deliveryStatusLabel(s)] as const)]);
  const endpointFilter = selectOf({ id: 'webhook-endpoint-filter' }, [['', 'All endpoints']]);
  const refreshBtn = h('button', { type: 'button', class: 'btn small' }, 'Refresh');
  const deliveryRows = h('tbody');
  const deliveryTable = h(
    'table',
    { class: 'data webhook-deliveries' },
    h('caption', { class: 'vh' }, 'Recent webhook deliveries'),
    h('thead', {}, h('tr', {}, ...['Event', 'Endpoint', 'Status', 'Attempts', 'Result', 'Created', ''].map((t) => h('th', { scope: 'col' }, t || h('span', { class: 'vh' }, 'Actions'))))),
    deliveryRows,
  );
  const deliveriesEmpty = h('p', { class: 'empty', hidden: true }, NO_DELIVERIES);

  function fail(what: string, err: unknown) {
    setText(status, `Could not ${what}: ${(err as Error).message}`);
  }

  function showSecret(endpoint: WebhookEndpointView, secret: string) {
    const value = h('code', { class: 'mono' }, secret);
    const copy = h('button', { type: 'button', class: 'btn small' }, 'Copy');
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(secret).then(
        () => setText(status, 'Secret copied.'),
        () => setText(status, 'Copy failed: select the secret and copy it by hand.'),
      );
    });
    const done = h('button', { type: 'button', class: 'btn small' }, 'Done');
    done.addEventListener('click', () => {
      secretBox.hidden = true;
      replace(secretBox);
    });
    replace(
      secretBox,
      h('p', {}, h('strong', {}, `Signing secret for ${endpoint.url}`), ' — shown only now. Store it with your receiver; it verifies the X-Webhook-Signature header.'),
      h('p', {}, value, ' ', copy, ' ', done),
    );
    secretBox.hidden = false;
    copy.focus();
  }

  function endpointRow(e: WebhookEndpointView) {
    const toggle = h('button', { type: 'button', class: 'btn small', 'aria-label': `${e.enabled ? 'Disable' : 'Enable'} ${e.url}` }, e.enabled ? 'Disable' : 'Enable');
    toggle.addEventListener('click', async () => {
      try {
        await api.setEnabled(e.id, !e.enabled);
        setText(status, `${e.url} ${e.enabled ? 'disabled' : 'enabled'}.`);
        await loadEndpoints();
      } catch (err) {
        fail('change the endpoint', err);
      }
    });
    const rotate = h('button', { type: 'button', class: 'btn small', 'aria-label': `New secret for ${e.url}` }, 'New secret');
    rotate.addEventListener('click', async () => {
      if (!(await confirmAction('Issue a new secret?', `The current secret of ${e.url} stops working at once.`, 'New secret'))) return;
      try {
        const { endpoint, secret } = await api.rotateSecret(e.id);
        await loadEndpoints();
        showSecret(endpoint, secret);
      } catch (err) {
        fail('issue a new secret', err);
      }
    });
    const remove = h('button', { type: 'button', class: 'btn small danger', 'aria-label': `Delete ${e.url}` }, 'Delete');
    remove.addEventListener('click', async () => {
      if (!(await confirmAction('Delete this endpoint?', `${e.url} gets no more events, and its deliveries are removed.`, 'Delete'))) return;
      try {
        await api.remove(e.id);
        setText(status, `${e.url} deleted.`);
        await loadAll();
      } catch (err) {
        fail('delete the endpoint', err);
      }
    });
    return h(
      'tr',
      { 'data-endpoint': e.id },
      h('td', { class: 'mono wrap' }, e.url),
      h('td', {}, e.events.join(', ')),
      h('td', {}, e.description || '—'),
      h('td', { class: 'mono' }, e.secretHint),
      h('td', {}, e.enabled ? 'Enabled' : 'Disabled'),
      h('td', {}, h('div', { class: 'actions' }, toggle, rotate, remove)),
    );
  }

  /** False when the endpoints could not be loaded (the status line says why). */
  async function loadEndpoints(): Promise<boolean> {
    try {
      endpoints = (await api.endpoints()).endpoints;
      replace(endpointRows, ...endpoints.map(endpointRow));
      endpointsEmpty.hidden = endpoints.length > 0;
      endpointTable.hidden = endpoints.length === 0;
      const chosen = endpointFilter.value;
      replace(endpointFilter, h('option', { value: '' }, 'All endpoints'), ...endpoints.map((e) => h('option', { value: e.id, selected: e.id === chosen }, e.url)));
      return true;
    } catch (err) {
      fail('load the endpoints', err);
      return false;
    }
  }

  /** Endpoints, then (when they loaded) the deliveries: one error at a time in the status line. */
  async function loadAll() {
    if (await loadEndpoints()) await loadDeliveries();
  }

  async function loadDeliveries() {
    try {
      const { deliveries } = await api.deliveries({
        ...(statusFilter.value ? { status: statusFilter.value as DeliveryStatus } : {}),
        ...(endpointFilter.value ? { endpointId: endpointFilter.value } : {}),
      });
      const urls = new Map(endpoints.map((e) => [e.id, e.url]));
      const now = Date.now();
      replace(
        deliveryRows,
        ...deliveries.map((d) => {
          const resend = h('button', { type: 'button', class: 'btn small', disabled: !canResend(d), 'aria-label': `Resend ${d.eventType} of ${new Date(d.createdAt).toLocaleString()}` }, 'Resend');
          resend.addEventListener('click', async () => {
            try {
              await api.resend(d.id);
              setText(status, `${d.eventType} queued to be sent again.`);
              await loadDeliveries();
            } catch (err) {
              fail('resend', err);
            }
          });
          return h(
            'tr',
            { 'data-delivery': d.id, 'data-status': d.status },
            h('td', {}, d.eventType),
            h('td', { class: 'mono wrap' }, urls.get(d.endpointId) ?? d.endpointId),
            h('td', {}, h('span', { class: `pill ${d.status}` }, deliveryStatusLabel(d.status))),
            h('td', {}, String(d.attempts)),
            h('td', { class: 'wrap' }, outcomeText(d, now)),
            h('td', {}, new Date(d.createdAt).toLocaleString()),
            h('td', {}, resend),
          );
        }),
      );
      deliveriesEmpty.hidden = deliveries.length > 0;
      deliveryTable.hidden = deliveries.length === 0;
    } catch (err) {
      fail('load the deliveries', err);
    }
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const events = boxes.filter((b) => b.checked).map((b) => b.value) as (typeof WEBHOOK_EVENTS)[number][];
    const problem = !/^https?:\/\/\S+$/i.test(urlInput.value.trim())
      ? 'Enter an http:// or https:// URL.'
      : events.length === 0
        ? 'Choose at least one event.'
        : '';
    setText(formError, problem);
    formError.hidden = !problem;
    urlInput.setAttribute('aria-invalid', String(problem.startsWith('Enter')));
    if (problem) {
      (problem.startsWith('Enter') ? urlInput : boxes[0])?.focus();
      return;
    }
    try {
      const { endpoint, secret } = await api.create({ url: urlInput.value.trim(), events, description: descInput.value });
      form.reset();
      for (const b of boxes) b.checked = true;
      await loadEndpoints();
      showSecret(endpoint, secret);
      setText(status, `${endpoint.url} added.`);
    } catch (err) {
      setText(formError, (err as Error).message);
      formError.hidden = false;
    }
  });
  urlInput.setAttribute('aria-describedby', 'webhook-form-error');
  statusFilter.addEventListener('change', () => void loadDeliveries());
  endpointFilter.addEventListener('change', () => void loadDeliveries());
  refreshBtn.addEventListener('click', () => void loadAll());

  el.append(
    h(
      'div',
      { class: 'training webhooks-section' },
      h('h1', {}, 'Webhooks'),
      status,
      secretBox,
      h('h2', {}, 'Endpoints'),
      endpointsEmpty,
      endpointTable,
      form,
      h('h2', {}, 'Recent deliveries'),
      h(
        'div',
        { class: 'toolbar' },
        h('label', { for: 'webhook-status-filter' }, 'Show '),
        statusFilter,
        h('label', { for: 'webhook-endpoint-filter' }, ' to '),
        endpointFilter,
        refreshBtn,
      ),
      deliveriesEmpty,
      deliveryTable,
    ),
  );
  void loadAll();
  return () => undefined;
}

registerSection({ id: 'webhooks', label: 'Webhooks', roles: ['operator', 'admin'], mount: mountWebhooks });
