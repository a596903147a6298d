import { strict as assert } from 'node:assert';
import { median, midpointMedian } from '../../../../bench/support/stats';

describe('bench stats: the median of a few runs', () => {
  it('takes the middle run of an odd count, as the nearest-rank median does', () => {
    assert.equal(midpointMedian([9, 1, 5]), 5);
    assert.equal(median([9, 1, 5]), 5);
  });

  it('takes the mean of the two middle runs of an even count, where the nearest-rank median takes the lower', () => {
    assert.equal(midpointMedian([16.36, 7.81]), (7.81 + 16.36) / 2);
    assert.equal(median([16.36, 7.81]), 7.81);
  });

  it('has no median for no runs', () => {
    assert.ok(Number.isNaN(midpointMedian([])));
  });
});
