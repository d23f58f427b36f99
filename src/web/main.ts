/**
 * The analyst page's shell: the sign-in gate, the hash routes (routes.ts) and the views they
 * mount. A key the API refuses (401) at any point signs the analyst out, back to the sign-in
 * form with the reason.
 */
import { ApiClient, ApiError } from './api/client.js';
import type { AppContext, MountedView } from './app-context.js';
import { parseRoute } from './routes.js';
import { forgetKey, storedKey, storeKey } from './session.js';
import { mountSignIn } from './views/sign-in.js';
import { mountPopulation } from './views/population.js';
import { mountPerson } from './views/person.js';
import { mountReports } from './views/reports.js';
import { mountCommunity } from './views/community.js';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const signOut = document.getElementById('sign-out') as HTMLButtonElement;
const announcer = document.getElementById('announcer')!;

let mounted: MountedView | undefined;

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
      main.focus(); // keyboard users continue at the top of the content, not at a removed button
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
  // A community is part of the population.
  const section = route.view === 'community' ? 'population' : route.view;
  for (const link of nav.querySelectorAll<HTMLAnchorElement>('a')) {
    if (link.dataset.view === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (route.view === 'person') mounted = mountPerson(main, ctx, route);
  else if (route.view === 'reports') mounted = mountReports(main, ctx);
  else if (route.view === 'community') mounted = mountCommunity(main, ctx, route.communityId);
  else mounted = mountPopulation(main, ctx);
  document.title = `tiescore — ${route.view === 'person' && route.personId ? route.personId : route.view === 'community' ? `community ${route.communityId}` : route.view}`;
}

signOut.addEventListener('click', () => showSignIn());
window.addEventListener('hashchange', () => {
  render();
  // Move focus to the new content, as a page load would, so keyboard users start at the top of it.
  if (!main.contains(document.activeElement)) main.focus();
});
render();
