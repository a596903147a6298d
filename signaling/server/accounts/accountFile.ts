import { z } from 'zod';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The agents file: real accounts, managed with `npm run agents`. Only hashes, never passwords. */
export const Username = z
  .string()
  .regex(/^[a-z0-9._-]{1,64}$/i, 'use 1-64 letters, digits, dots, dashes or underscores');

export const StoredAccount = z.object({
  username: Username,
  displayName: z.string().min(1).max(100),
  passwordHash: z.string().startsWith('$argon2'),
  createdAt: z.string(),
});
export type StoredAccount = z.infer<typeof StoredAccount>;

const AccountFileContent = z.object({ version: z.literal(1), agents: z.array(StoredAccount) });

export async function readAccounts(file: string): Promise<StoredAccount[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = AccountFileContent.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a valid agents file: ${parsed.error.issues[0]?.message}`);
  return parsed.data.agents;
}

/** Writes atomically (temp file + rename) with owner-only permissions. */
export async function writeAccounts(file: string, agents: StoredAccount[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ version: 1, agents }, null, 2) + '\n', { mode: 0o600 });
  await rename(temp, file);
}
