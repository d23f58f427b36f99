/**
 * The analyst's API key for this tab: kept in sessionStorage, so it lives as long as the tab
 * and is never written to disk by the page or shared with other tabs.
 */
const KEY_ITEM = 'tiescore.apiKey';

/** API keys look like `tsk_<id>_<secret>` (src/api/auth/api-keys.ts). */
export const API_KEY_PATTERN = /^tsk_[A-Za-z0-9]+_[A-Za-z0-9_-]+$/;

export function storedKey(): string | undefined {
  return sessionStorage.getItem(KEY_ITEM) ?? undefined;
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY_ITEM, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_ITEM);
}
