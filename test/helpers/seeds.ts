import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The five seed articles shipped as the sample documents. */
export const SEEDS_DIR = fileURLToPath(new URL('../../samples/minutes/', import.meta.url));

export async function readSeed(prefix: string): Promise<string> {
  const name = (await readdir(SEEDS_DIR)).find((file) => file.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return readFile(`${SEEDS_DIR}${name}`, 'utf8');
}
