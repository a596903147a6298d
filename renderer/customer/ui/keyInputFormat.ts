const GROUP = 3;

/**
 * The key field as the customer types: digits in groups of three ("121 398 781"), the same way the
 * agent reads them out. The caret stays after the same digit. Anything that is not digits, spaces
 * or dashes is left alone, so the page can say what is wrong with it.
 */
export function formatKeyInput(value: string, caret: number): { value: string; caret: number } {
  if (!/^[\d\s-]*$/.test(value)) return { value, caret };
  const digitsBeforeCaret = value.slice(0, caret).replace(/\D/g, '').length;
  const digits = value.replace(/\D/g, '');
  const groups = digits.match(new RegExp(`\\d{1,${GROUP}}`, 'g')) ?? [];
  const formatted = groups.join(' ');
  // Digits before the caret, plus one space per full group before it.
  const newCaret = digitsBeforeCaret + Math.floor(Math.max(0, digitsBeforeCaret - 1) / GROUP);
  return { value: formatted, caret: Math.min(newCaret, formatted.length) };
}
