import { createTranslator } from '../../../../renderer/agent-console/i18n/textRef';

/** Real translators, so tests assert the words an agent actually reads. */
export const english = await createTranslator('en');
export const german = await createTranslator('de');
