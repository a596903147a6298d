/**
 * The audit trail from the command line:
 *   npm run audit -- verify            walks the hash chain; exit 0 when whole, 1 naming the first broken link
 *   npm run audit -- receipt 7F3K-Q2LM the consent a receipt id stands for
 * Uses the server's database (DATABASE_URL, else DATABASE_DIR).
 */
import { loadConfig } from '../config';
import { openDatabase } from '../db/openDatabase';
import { verifyChain } from './chainVerifier';
import { findReceipt } from './receipts';
import { errorMessage } from '../platform/errorMessage';

async function main(): Promise<void> {
  const [command, argument] = process.argv.slice(2);
  if (command !== 'verify' && command !== 'receipt') {
    console.log('Usage: npm run audit -- verify | receipt <id>');
    process.exitCode = command ? 2 : 0;
    return;
  }
  const database = await openDatabase(loadConfig());
  try {
    if (command === 'verify') {
      const check = await verifyChain(database.db);
      if (check.whole) {
        console.log(`The audit trail is whole: ${check.checked} events checked, head at #${check.headSeq}.`);
      } else {
        console.log(`The audit trail is BROKEN at event #${check.brokenAt}: ${check.problem} (${check.checked} events before it are whole).`);
        process.exitCode = 1;
      }
      return;
    }
    const receipt = await findReceipt(database.db, argument ?? '');
    if (!receipt) {
      console.log(`No consent with receipt "${argument ?? ''}".`);
      process.exitCode = 1;
      return;
    }
    console.log(JSON.stringify(receipt, null, 2));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exitCode = 1;
});
