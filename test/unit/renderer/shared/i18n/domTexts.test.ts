import { strict as assert } from 'node:assert';
import { DomTexts } from '../../../../../renderer/shared/i18n/domTexts';
import { createTranslator } from '../../../../../renderer/shared/i18n/translator';

/** The parts of an element DomTexts touches, counting how often the visible text is written. */
class RecordingElement {
  private readonly attributes = new Map<string, string>();
  writes = 0;
  private text = '';
  get textContent(): string {
    return this.text;
  }
  set textContent(value: string) {
    this.writes += 1;
    this.text = value;
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
}

describe('DomTexts.setIfChanged', () => {
  const resources = { en: { translation: { left: 'Valid for {{seconds}} s', gone: 'Key expired' } } };

  async function binder() {
    return new DomTexts<'left' | 'gone'>(await createTranslator<'left' | 'gone'>(resources, 'en'));
  }

  it('writes a text once, and again only when it changes (a ticking countdown, an alert not announced twice)', async () => {
    const texts = await binder();
    const element = new RecordingElement();
    const asElement = element as unknown as Element;
    texts.setIfChanged(asElement, { key: 'left', params: { seconds: 30 } });
    texts.setIfChanged(asElement, { key: 'left', params: { seconds: 30 } });
    assert.equal(element.textContent, 'Valid for 30 s');
    assert.equal(element.writes, 1);
    texts.setIfChanged(asElement, { key: 'left', params: { seconds: 29 } });
    texts.setIfChanged(asElement, { key: 'gone' });
    assert.equal(element.textContent, 'Key expired');
    assert.equal(element.writes, 3);
  });

  it('writes again after the text was cleared', async () => {
    const texts = await binder();
    const element = new RecordingElement();
    const asElement = element as unknown as Element;
    texts.setIfChanged(asElement, { key: 'gone' });
    texts.clear(asElement);
    assert.equal(element.textContent, '');
    texts.setIfChanged(asElement, { key: 'gone' });
    assert.equal(element.textContent, 'Key expired');
  });
});
