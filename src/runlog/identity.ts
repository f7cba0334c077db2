/** Who and where a writer is, as recorded in start and attach events. */
import { hostname, userInfo } from 'node:os';

/** The current user's login name, or "unknown" where the system has none. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

export function currentHost(): string {
  return hostname();
}
