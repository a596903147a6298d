import assert from 'node:assert/strict';
import { firstFreshPosition, firstReadableIndex } from '../../../../bench/uplink/firstReadable';
import { parseDelay, parseLoss, parseRate, rateLabel, shapingCommands, tbfParameters } from '../../../../bench/uplink/shaping';
import { wordsForSeed } from '../../../../bench/uplink/textWords';
import { wordAccuracy } from '../../../../bench/uplink/wordAccuracy';

describe('bench: the slow-uplink helpers', () => {
  describe('uplink options', () => {
    it('reads rates as tc writes them', () => {
      assert.equal(parseRate('300kbit'), 300_000);
      assert.equal(parseRate('1mbit'), 1_000_000);
      assert.equal(parseRate('2.5Mbit'), 2_500_000);
      assert.throws(() => parseRate('1mb'), /not a rate/);
      assert.throws(() => parseRate('10kbit'), /below 32 kbit/);
      assert.equal(rateLabel(1_000_000), '1 Mbit/s');
      assert.equal(rateLabel(300_000), '300 kbit/s');
    });

    it('reads delay and loss', () => {
      assert.equal(parseDelay('40ms'), 40);
      assert.equal(parseLoss('0.5%'), 0.5);
      assert.throws(() => parseDelay('40'), /not a delay/);
      assert.throws(() => parseLoss('120%'), /not a loss/);
    });
  });

  describe('token bucket parameters', () => {
    it('keeps the bucket at two full frames on slow links and queues about 200 ms', () => {
      assert.deepEqual(tbfParameters(1_000_000), { rateBitsPerSecond: 1_000_000, burstBytes: 3_028, limitBytes: 25_000 + 3_028 });
      assert.deepEqual(tbfParameters(2_000_000), { rateBitsPerSecond: 2_000_000, burstBytes: 3_028, limitBytes: 50_000 + 3_028 });
    });

    it('never queues fewer than 10 full packets, so a slow link does not drop every key frame', () => {
      assert.equal(tbfParameters(300_000).limitBytes, 15_140 + 3_028);
    });

    it('grows the bucket with the rate on fast links', () => {
      assert.equal(tbfParameters(100_000_000).burstBytes, 62_500);
    });

    it('shapes with tbf alone, or netem at the root with tbf below it', () => {
      assert.deepEqual(shapingCommands('veth0', 1_000_000), [
        ['qdisc', 'replace', 'dev', 'veth0', 'root', 'handle', '1:', 'tbf', 'rate', '1000000bit', 'burst', '3028', 'limit', '28028'],
      ]);
      const impaired = shapingCommands('veth0', 1_000_000, { delayMs: 40, lossPercent: 1 });
      assert.deepEqual(impaired[0], ['qdisc', 'replace', 'dev', 'veth0', 'root', 'handle', '1:', 'netem', 'delay', '40ms', 'loss', '1%']);
      assert.deepEqual(impaired[1]?.slice(0, 8), ['qdisc', 'replace', 'dev', 'veth0', 'parent', '1:1', 'handle', '10:']);
    });
  });

  describe('word accuracy of an OCR reading', () => {
    const expected = ['invoice', 'router', 'password', 'billing', 'window', 'screen', 'refund', 'modem', 'update', 'ticket'];

    it('is 1 for a perfect reading, whatever the case, punctuation and line breaks', () => {
      assert.equal(wordAccuracy(expected, 'Invoice router,\npassword billing window. screen refund modem update ticket'), 1);
    });

    it('counts words read wrongly or missed', () => {
      assert.equal(wordAccuracy(expected, 'invoice rooter password billing window screen refund modem update'), 0.8);
    });

    it('does not count words twice or out of order', () => {
      assert.equal(wordAccuracy(['one', 'two', 'three'], 'three two one one'), 1 / 3);
    });

    it('ignores extra text read from around the block', () => {
      assert.equal(wordAccuracy(['one', 'two'], '| one ~ two Chromium'), 1);
    });

    it('is 0 for nothing read', () => {
      assert.equal(wordAccuracy(expected, ''), 0);
    });
  });

  describe('the texts shown', () => {
    it('are the same for the same seed, different words within a block, and differ between seeds', () => {
      const words = wordsForSeed(7, 24);
      assert.deepEqual(words, wordsForSeed(7, 24));
      assert.equal(new Set(words).size, 24);
      assert.notDeepEqual(words, wordsForSeed(8, 24));
    });
  });

  describe('finding the first readable frame', () => {
    const search = async (readable: boolean[], hint?: number) => {
      const asked: number[] = [];
      const index = await firstReadableIndex(
        readable.length,
        async (i) => {
          asked.push(i);
          return readable[i] ?? false;
        },
        hint,
      );
      return { index, asked };
    };

    it('finds the first readable frame with few reads', async () => {
      const frames = Array.from({ length: 64 }, (_, i) => i >= 23);
      const { index, asked } = await search(frames);
      assert.equal(index, 23);
      assert.ok(asked.length <= 8, `asked ${asked.length} times`);
    });

    it('says "not readable" when even the last frame is not', async () => {
      assert.equal((await search([false, false, false])).index, undefined);
      assert.equal((await search([])).index, undefined);
    });

    it('finds the very first frame when all are readable', async () => {
      assert.equal((await search([true, true, true])).index, 0);
    });

    it('confirms a right hint (where larger text became readable) with two reads', async () => {
      const frames = Array.from({ length: 40 }, (_, i) => i >= 17);
      const { index, asked } = await search(frames, 17);
      assert.equal(index, 17);
      assert.deepEqual(asked, [17, 16]);
    });

    it('gives the same answer as without a hint when the hint is wrong, early or late', async () => {
      for (const first of [0, 5, 17, 39, undefined]) {
        const frames = Array.from({ length: 40 }, (_, i) => first !== undefined && i >= first);
        const plain = (await search(frames)).index;
        for (const hint of [0, 3, 16, 17, 18, 25, 39, 40, -1]) {
          assert.equal((await search(frames, hint)).index, plain, `first readable ${first}, hint ${hint}`);
        }
      }
    });
  });

  describe('skipping the frames that still show the old words', () => {
    // Recorded frames 10–17 came after the switch; the block first differed in frame 13.
    const frames = [10, 11, 12, 13, 14, 15, 16, 17];

    it('starts where the block first changed', () => {
      assert.equal(firstFreshPosition(frames, 13), 3);
      assert.equal(firstFreshPosition(frames, 10), 0);
    });

    it('skips all frames when the block never changed, or only after this switch', () => {
      assert.equal(firstFreshPosition(frames, -1), frames.length);
      assert.equal(firstFreshPosition(frames, 25), frames.length);
    });

    it('searches all frames when nothing is known', () => {
      assert.equal(firstFreshPosition(frames, undefined), 0);
      assert.equal(firstFreshPosition(frames, 5), 0);
    });
  });
});
