import { userInfo } from 'node:os';

/** The OS account running Minutebook, or `fallback` where it has none (a container's arbitrary uid). */
export function localUserName(fallback: string): string {
  try {
    return userInfo().username || fallback;
  } catch {
    return fallback;
  }
}
