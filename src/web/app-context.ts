/** What every view gets from the shell: the API, navigation and the screen-reader announcer. */
import type { ApiClient } from './api/client.js';

export interface AppContext {
  api: ApiClient;
  /** Goes to a page route, e.g. `#/person/p0042?depth=2`. */
  navigate(hash: string): void;
  /** Says something through the polite live region (results, counts). */
  announce(message: string): void;
  /** Call with any error from the API: a refused key sends the analyst back to sign-in. */
  handleError(error: unknown): void;
}

/** A mounted view; `unmount` releases what it holds (the WebGL context of the graph). */
export interface MountedView {
  unmount?(): void;
}
