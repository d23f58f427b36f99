/**
 * Loading, empty and error states, the same everywhere: a short sentence that says what is
 * happening or what went wrong and what to do about it.
 */
import { ApiError } from './api/client.js';
import { h } from './dom.js';

export function loadingState(what: string): HTMLElement {
  return h('p', { class: 'state state-loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Loading ${what}…`);
}

export function emptyState(message: string): HTMLElement {
  return h('p', { class: 'state state-empty' }, message);
}

/** What an error means for an analyst, in one title and one sentence. */
export function describeError(error: unknown, subject = 'this'): { title: string; message: string } {
  if (!(error instanceof ApiError)) {
    return { title: 'Something went wrong in the page', message: error instanceof Error ? error.message : String(error) };
  }
  switch (error.kind) {
    case 'unauthorized':
      return { title: 'The API key was refused', message: `${error.detail}. Sign in again with a valid key.` };
    case 'forbidden':
      return { title: 'This key may not do that', message: `${error.detail}. The analyst page needs an analyst key.` };
    case 'not-found':
      return { title: `No ${subject}`, message: error.detail };
    case 'unavailable':
      return { title: 'The API is not available', message: `${error.detail}. Try again in a moment.` };
    case 'rate-limited':
      return { title: 'Too many requests', message: `${error.detail}. Wait a minute, then try again.` };
    case 'invalid':
      return { title: 'The request was refused', message: error.detail };
    default:
      return { title: 'The API failed', message: error.detail };
  }
}

export function errorState(error: unknown, subject?: string): HTMLElement {
  const { title, message } = describeError(error, subject);
  return h('div', { class: 'state state-error', role: 'alert' }, h('strong', {}, title), h('p', {}, message));
}
