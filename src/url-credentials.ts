/**
 * Connection URLs may carry a password (`redis://:secret@host:6379`); whenever one is shown in a
 * log line or an error message, the password is masked first.
 */

/**
 * The URL with its password replaced by `***`; text that is not a URL comes back unchanged.
 *
 * @example
 * withoutPassword('redis://:s3cret@cache:6379'); // 'redis://:***@cache:6379'
 */
export function withoutPassword(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL, but it may still hold `user:password@`.
    return url.replace(/\/\/([^/@\s]*):[^/@\s]*@/g, '//$1:***@');
  }
  if (parsed.password === '') return url;
  parsed.password = '***';
  return parsed.toString();
}
