import { strict as assert } from 'node:assert';
import { mergeEntries } from '../../../../renderer/chat-page/chatSession';
import { appLink } from '../../../../renderer/chat-page/deepLink';
import { safeHref, splitLinks } from '../../../../renderer/shared/safeText';
import { ChatEntry, CustomerMessage, MAX_CHAT_TEXT_CHARS } from '../../../../signaling/protocol';

describe('chat text', () => {
  it('turns only http and https addresses into links, without trailing punctuation', () => {
    assert.deepEqual(splitLinks('See https://example.com/help. Or http://a.example/x?y=1!'), [
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/help', href: 'https://example.com/help' },
      { kind: 'text', text: '. Or ' },
      { kind: 'link', text: 'http://a.example/x?y=1', href: 'http://a.example/x?y=1' },
      { kind: 'text', text: '!' },
    ]);
    for (const unsafe of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', 'file:///etc/passwd']) {
      assert.deepEqual(splitLinks(unsafe), [{ kind: 'text', text: unsafe }], unsafe);
      assert.equal(safeHref(unsafe), null);
    }
    assert.deepEqual(splitLinks('<a href="https://x.example">x</a>')[0], { kind: 'text', text: '<a href="' });
  });

  it('keeps entries in sequence order and drops duplicates', () => {
    const entry = (seq: number, text: string) => ({ seq, at: 0, from: 'customer' as const, text });
    const merged = mergeEntries([entry(1, 'a'), entry(3, 'c')], [entry(2, 'b'), entry(3, 'c')]);
    assert.deepEqual(merged.map((e) => e.text), ['a', 'b', 'c']);
  });

  it('builds the desktop deep link with scheme, key and server', () => {
    const link = new URL(appLink('acme-share', '123456789', 'https://support.example'));
    assert.equal(link.protocol, 'acme-share:');
    assert.equal(link.searchParams.get('key'), '123456789');
    assert.equal(link.searchParams.get('server'), 'https://support.example');
  });

  it('accepts chat text up to the limit and nothing beyond, blank or with control characters', () => {
    const send = (text: string) => CustomerMessage.safeParse({ type: 'chat.send', text, clientId: 'a' }).success;
    assert.equal(send('x'.repeat(MAX_CHAT_TEXT_CHARS)), true);
    assert.equal(send('x'.repeat(MAX_CHAT_TEXT_CHARS + 1)), false);
    assert.equal(send(' \n\t '), false);
    assert.equal(send('line one\nline two\ttab'), true);
    assert.equal(send('nul\u0000'), false);
    assert.equal(send('invoice\u202Efdp.exe'), false, 'no bidi override');
    assert.equal(send('a\u2067b'), false, 'no bidi isolate');
    assert.equal(send('\u05E9\u05DC\u05D5\u05DD \u200F!'), true, 'right-to-left text and marks are fine');
    const start = (name: string) => CustomerMessage.safeParse({ type: 'chat.start', name }).success;
    assert.equal(start('Jürgen'), true);
    assert.equal(start('Eve\u202E'), false);
    assert.equal(start('Eve\nAgent'), false, 'a name is one line');
    assert.equal(CustomerMessage.safeParse({ type: 'chat.send', text: 'x', clientId: 'a', from: 'agent' }).success, false);
    assert.equal(ChatEntry.safeParse({ seq: 0, at: 0, from: 'customer' }).success, false, 'sequence numbers start at 1');
  });
});
