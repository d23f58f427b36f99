/**
 * The analyst page's shell: sign-in gate, hash routes and the views they mount.
 *
 *   #/population                      population view (the default)
 *   #/person/<id>?depth=1|2&max=N     person view with the what-if
 *   #/reports                         evaluation and fairness reports
 *
 * Hash routes keep the back button and links working with a static file server. A key the API
 * refuses (401) at any point signs the analyst out, back to the sign-in form with the reason.
 */
import { ApiClient, ApiError } from './api/client.js';
import type { AppContext, MountedView } from './app-context.js';
import { forgetKey, storedKey, storeKey } from './session.js';
import { mountSignIn } from './views/sign-in.js';
import { mountPopulation } from './views/population.js';
import { mountPerson, type PersonRoute } from './views/person.js';
import { mountReports } from './views/reports.js';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const signOut = document.getElementById('sign-out') as HTMLButtonElement;
const announcer = document.getElementById('announcer')!;

let mounted: MountedView | undefined;

type Route = { view: 'population' } | { view: 'reports' } | ({ view: 'person' } & PersonRoute);

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view, ...rest] = path.split('/');
  const params = new URLSearchParams(search);
  if (view === 'person') {
    const personId = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
    const maxNodes = Number(params.get('max'));
    return { view, personId: personId || undefined, depth: params.get('depth') === '2' ? 2 : 1, maxNodes: Number.isInteger(maxNodes) && maxNodes >= 1 && maxNodes <= 500 ? maxNodes : 50 };
  }
  if (view === 'reports') return { view };
  return { view: 'population' };
}

function showSignIn(message?: string): void {
  unmountView();
  forgetKey();
  nav.hidden = true;
  signOut.hidden = true;
  mountSignIn(main, {
    message,
    onSignedIn: (key) => {
      storeKey(key);
      render();
    },
  });
}

function unmountView(): void {
  mounted?.unmount?.();
  mounted = undefined;
}

function render(): void {
  const key = storedKey();
  if (!key) return showSignIn();
  unmountView();
  nav.hidden = false;
  signOut.hidden = false;
  const ctx: AppContext = {
    api: new ApiClient(key),
    navigate: (hash) => {
      if (location.hash === hash) render();
      else location.hash = hash;
    },
    announce: (message) => {
      announcer.textContent = message;
    },
    handleError: (error) => {
      if (error instanceof ApiError && error.kind === 'unauthorized' && storedKey() === key) {
        showSignIn(`The API refused the key (${error.detail}). Sign in again.`);
      }
    },
  };
  const route = parseRoute(location.hash);
  for (const link of nav.querySelectorAll<HTMLAnchorElement>('a')) {
    if (link.dataset.view === route.view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (route.view === 'person') mounted = mountPerson(main, ctx, route);
  else if (route.view === 'reports') mounted = mountReports(main, ctx);
  else mounted = mountPopulation(main, ctx);
  document.title = `tiescore — ${route.view === 'person' && route.personId ? route.personId : route.view}`;
}

signOut.addEventListener('click', () => showSignIn());
window.addEventListener('hashchange', () => {
  render();
  // Move focus to the new content, as a page load would, so keyboard users start at the top of it.
  if (!main.contains(document.activeElement)) main.focus();
});
render();
