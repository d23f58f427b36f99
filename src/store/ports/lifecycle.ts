/** The lifecycle port: what every adapter does besides keeping records. */
import type { MethodSet } from './port-methods.js';

export interface LifecyclePort {
  /** Releases the adapter's connections; the store is unusable afterwards. */
  close(): Promise<void>;
}

export const LIFECYCLE_METHODS: MethodSet<LifecyclePort> = { close: true };
