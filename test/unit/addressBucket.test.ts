import { strict as assert } from 'node:assert';
import { addressBucket } from '../../signaling/server/network/addressBucket';

describe('addressBucket (per-address limits)', () => {
  it('counts IPv4 addresses one by one, also when written as IPv4-mapped IPv6', () => {
    assert.equal(addressBucket('203.0.113.7'), '203.0.113.7');
    assert.equal(addressBucket('::ffff:203.0.113.7'), '203.0.113.7');
    assert.notEqual(addressBucket('203.0.113.8'), addressBucket('203.0.113.7'));
  });

  it('counts every address of one IPv6 /64 together, however it is written', () => {
    const bucket = addressBucket('2001:db8:1:2::1');
    assert.equal(bucket, '2001:db8:1:2::/64');
    for (const same of ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:0:0:0:9', '2001:db8:1:2::abcd%eth0']) {
      assert.equal(addressBucket(same), bucket, same);
    }
    assert.notEqual(addressBucket('2001:db8:1:3::1'), bucket, 'the next /64 is another client');
    assert.equal(addressBucket('::1'), '0:0:0:0::/64');
    assert.equal(addressBucket('fe80::1'), 'fe80:0:0:0::/64');
  });

  it('leaves what is not an address alone', () => {
    assert.equal(addressBucket('unknown'), 'unknown');
  });
});
