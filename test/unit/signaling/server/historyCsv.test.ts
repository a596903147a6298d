import { strict as assert } from 'node:assert';
import { csvLine } from '../../../../signaling/server/history/historyCsv';
import { outcomeOf } from '../../../../signaling/server/history/historyQueries';

describe('history CSV and outcomes', () => {
  it('quotes commas, quotes and line breaks, and leaves empty cells for nothing', () => {
    assert.equal(csvLine(['a,b', 'say "hi"', 'two\nlines', null, 42]), '"a,b","say ""hi""","two\nlines",,42\r\n');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    assert.equal(csvLine(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'plain']), `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),plain\r\n`);
  });

  it('reads the outcome with a share taking precedence over why one did not happen', () => {
    assert.equal(outcomeOf(new Set(['key.issued', 'share.started', 'share.ended'])), 'shared');
    assert.equal(outcomeOf(new Set(['key.issued', 'consent.declined', 'share.ended'])), 'declined');
    assert.equal(outcomeOf(new Set(['key.issued', 'key.expired', 'share.ended'])), 'expired');
    assert.equal(outcomeOf(new Set(['key.issued', 'share.ended'])), 'not-shared');
    assert.equal(outcomeOf(new Set(['key.issued'])), 'open');
  });
});
