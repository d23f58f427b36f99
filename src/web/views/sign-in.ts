/**
 * Sign-in: the analyst pastes an API key; the page checks it against the API once (a refused
 * key is said so at once) and keeps it in sessionStorage for this tab only.
 */
import { ApiClient, ApiError } from '../api/client.js';
import { h, replaceChildren } from '../dom.js';
import { API_KEY_PATTERN } from '../session.js';
import { describeError } from '../status.js';

export function mountSignIn(container: HTMLElement, options: { message?: string; onSignedIn(key: string): void }): void {
  const input = h('input', { id: 'api-key', name: 'api-key', type: 'password', required: true, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'api-key-hint sign-in-error' });
  const error = h('div', { id: 'sign-in-error', class: 'field-error', role: 'alert' }, options.message ?? '');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'sign-in panel', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', {}, 'The analyst page reads the tiescore API with your analyst key. The key stays in this browser tab (session storage) and is sent only to this server.'),
    h('div', { class: 'field' }, h('label', { for: 'api-key' }, 'API key'), input, h('small', { id: 'api-key-hint' }, 'Looks like tsk_0a1b2c3d4e5f_…; ', h('code', {}, 'tiescore keys create --role analyst'), ' makes one.')),
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const key = input.value.trim();
      if (!API_KEY_PATTERN.test(key)) {
        error.textContent = 'That is not an API key: keys look like tsk_<id>_<secret>.';
        input.focus();
        return;
      }
      submit.disabled = true;
      error.textContent = '';
      try {
        await new ApiClient(key).get('/v1/runs/published?binWidth=100');
        options.onSignedIn(key);
      } catch (failure) {
        // No published run yet is still a good key: the views say what is missing.
        if (failure instanceof ApiError && failure.kind === 'not-found') return options.onSignedIn(key);
        const { title, message } = describeError(failure);
        error.textContent = `${title}: ${message}`;
        input.focus();
      } finally {
        submit.disabled = false;
      }
    })();
  });
  replaceChildren(container, form);
  input.focus();
}
