import { userInfo } from 'node:os';

/** The OS account running Minutebook, or `fallback` where it has none (a container's arbitrary uid). */
export function localUserName(fallback: string): string {
  try {
    return userInfo().username || fallback;
  } catch {
    return fallback;
  }
}

/** Who a CLI change is recorded as: --as, else the OS account running the command. */
export function cliActor(value: string | boolean | (string | boolean)[] | undefined): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return localUserName('cli');
}
