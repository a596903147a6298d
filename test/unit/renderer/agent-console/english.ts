import { createTranslator, type Translator } from '../../../../renderer/agent-console/i18n/textRef';

/** Real translators, so tests assert the words an agent actually reads. */
export const english: Translator = await createTranslator('en');
export const german: Translator = await createTranslator('de');
