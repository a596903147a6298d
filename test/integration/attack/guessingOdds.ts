import { pathToFileURL } from 'node:url';
import { KEY_PAYLOAD_DIGITS } from '../../../signaling/protocol';
import { loadConfig, type Config } from '../../../signaling/server/config';

/**
 * How long guessing takes to hit any live key, from the configured attempt limits: the figure the
 * README's security section states. Run `npx tsx test/integration/attack/guessingOdds.ts` to print
 * it for the current environment's configuration; keyGuessing.test.ts checks the README against
 * it with the defaults and measures the limits on a running server.
 */
export interface GuessingOdds {
  /** Valid keys: 10^8, since the ninth digit is the check digit of the first eight. */
  keySpace: number;
  liveKeys: number;
  /** Chance that one guess of a valid-looking key hits some live key. */
  hitChancePerGuess: number;
  /** Mean number of guesses until the first hit (geometric distribution). */
  expectedGuesses: number;
  guessesPerHourOneAddress: number;
  guessesPerHourWholeServer: number;
  hoursOneAddress: number;
  /** Whatever the number of addresses: the server-wide limit caps everyone together. */
  hoursWholeServer: number;
}

export function guessingOdds(limits: Config['keyAttempts'], liveKeys = 1_000): GuessingOdds {
  const keySpace = 10 ** KEY_PAYLOAD_DIGITS;
  const hitChancePerGuess = liveKeys / keySpace;
  const expectedGuesses = keySpace / liveKeys; // = 1 / hitChancePerGuess, without rounding error
  const guessesPerHourOneAddress = (limits.perIp * 3_600_000) / limits.perIpWindowMs;
  const guessesPerHourWholeServer = (limits.global * 3_600_000) / limits.globalWindowMs;
  return {
    keySpace,
    liveKeys,
    hitChancePerGuess,
    expectedGuesses,
    guessesPerHourOneAddress,
    guessesPerHourWholeServer,
    hoursOneAddress: expectedGuesses / guessesPerHourOneAddress,
    hoursWholeServer: expectedGuesses / guessesPerHourWholeServer,
  };
}

const grouped = (value: number) => Math.round(value).toLocaleString('en-US');

export function describeOdds(odds: GuessingOdds): string {
  return [
    `${grouped(odds.liveKeys)} live keys out of ${grouped(odds.keySpace)} valid keys: one guess hits with probability ${odds.hitChancePerGuess}`,
    `expected guesses to hit any live key: ${grouped(odds.expectedGuesses)}`,
    `one address: ${grouped(odds.guessesPerHourOneAddress)} guesses an hour → about ${grouped(odds.hoursOneAddress)} hours`,
    `whole server: ${grouped(odds.guessesPerHourWholeServer)} guesses an hour → about ${grouped(odds.hoursWholeServer)} hours`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(describeOdds(guessingOdds(loadConfig(process.env).keyAttempts)));
}
