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

/** The API's details are lower-case clauses ("unknown API key"); make one a sentence. */
function sentence(detail: string): string {
  const text = detail.charAt(0).toUpperCase() + detail.slice(1);
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** What an error means for an analyst, in one title and one or two sentences. */
export function describeError(error: unknown, subject = 'this'): { title: string; message: string } {
  if (!(error instanceof ApiError)) {
    return { title: 'Something went wrong in the page', message: sentence(error instanceof Error ? error.message : String(error)) };
  }
  const detail = sentence(error.detail);
  switch (error.kind) {
    case 'unauthorized':
      return { title: 'The API key was refused', message: `${detail} Sign in again with a valid key.` };
    case 'forbidden':
      return { title: 'This key may not do that', message: `${detail} The analyst page needs an analyst key.` };
    case 'not-found':
      return { title: `No ${subject}`, message: detail };
    case 'unavailable':
      return { title: 'The API is not available', message: `${detail} Try again in a moment.` };
    case 'rate-limited':
      return { title: 'Too many requests', message: `${detail} Wait a minute, then try again.` };
    case 'invalid':
      return { title: 'The request was refused', message: detail };
    default:
      return { title: 'The API failed', message: detail };
  }
}

export function errorState(error: unknown, subject?: string): HTMLElement {
  const { title, message } = describeError(error, subject);
  return h('div', { class: 'state state-error', role: 'alert' }, h('strong', {}, title), h('p', {}, message));
}
