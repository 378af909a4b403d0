import { localUserName } from '../local-user.ts';

/** Who a CLI change is recorded as: --as, else the OS account running the command. */
export function cliActor(value: string | boolean | (string | boolean)[] | undefined): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return localUserName('cli');
}
