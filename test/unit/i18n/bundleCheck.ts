import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Checks one translation bundle folder (`i18n/en.json`, `i18n/de.json`): every language has
 * every key of English and nothing extra, the same {{placeholders}}, no empty text, the plural
 * forms its own plural rules need, and every $t() reference exists. Returns the problems found.
 */
export const LANGUAGES = ['en', 'de'] as const;
const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report', 'data']);

/** Every folder named i18n with JSON files in it, outside node_modules and build output. */
export function bundleDirs(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || SKIP.has(entry.name) || entry.name.startsWith('.dist-')) continue;
    const child = path.join(dir, entry.name);
    if (entry.name === 'i18n' && readdirSync(child).some((file) => file.endsWith('.json'))) found.push(child);
    else bundleDirs(child, found);
  }
  return found;
}

type Tree = { [key: string]: unknown };

function leaves(tree: Tree, problems: string[], file: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else if (value && typeof value === 'object') for (const [k, v] of leaves(value as Tree, problems, file, `${prefix}${key}.`)) out.set(k, v);
    else problems.push(`${file}: ${prefix}${key} is neither a text nor a group`);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].sort().join(', ');
const nested = (text: string) => [...text.matchAll(/\$t\(([\w.:-]+)/g)].map((m) => m[1] ?? '');

function pluralForms(texts: Map<string, string>): Map<string, Set<string>> {
  const plurals = new Map<string, Set<string>>();
  for (const key of texts.keys()) {
    const match = PLURAL_SUFFIX.exec(key);
    if (!match) continue;
    const base = key.slice(0, match.index);
    plurals.set(base, (plurals.get(base) ?? new Set()).add(match[1] ?? ''));
  }
  return plurals;
}

/** Compares plain keys exactly and plural keys by their base (languages need different forms). */
function logicalKeys(texts: Map<string, string>): Set<string> {
  return new Set([...texts.keys()].map((key) => (PLURAL_SUFFIX.test(key) ? `${key.replace(PLURAL_SUFFIX, '')} (plural)` : key)));
}

export function checkBundle(dir: string, name = dir): string[] {
  const problems: string[] = [];
  const files = readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
  const expected = LANGUAGES.map((language) => `${language}.json`).sort();
  if (files.join() !== expected.join()) problems.push(`${name}: has ${files.join(', ')}; expected ${expected.join(', ')}`);

  const texts = new Map<string, Map<string, string>>();
  for (const language of LANGUAGES) {
    const file = path.join(dir, `${language}.json`);
    try {
      texts.set(language, leaves(JSON.parse(readFileSync(file, 'utf8')) as Tree, problems, `${name}/${language}.json`));
    } catch (error) {
      problems.push(`${name}/${language}.json: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const english = texts.get('en');
  if (!english) return problems;
  const englishKeys = logicalKeys(english);

  for (const [language, other] of texts) {
    const where = `${name}/${language}.json`;
    if (language !== 'en') {
      const otherKeys = logicalKeys(other);
      for (const key of englishKeys) if (!otherKeys.has(key)) problems.push(`${where}: missing ${key}`);
      for (const key of otherKeys) if (!englishKeys.has(key)) problems.push(`${where}: ${key} is not in en.json`);
      for (const [key, text] of other) {
        const reference = english.get(key) ?? english.get(`${key.replace(PLURAL_SUFFIX, '')}_other`);
        if (reference !== undefined && placeholders(text) !== placeholders(reference)) {
          problems.push(`${where}: ${key} has placeholders [${placeholders(text)}] but English has [${placeholders(reference)}]`);
        }
      }
    }
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const [base, forms] of pluralForms(other)) {
      for (const category of needed) if (!forms.has(category)) problems.push(`${where}: ${base}_${category} is missing (plural rules of ${language})`);
    }
    for (const [key, text] of other) {
      if (!text.trim()) problems.push(`${where}: ${key} is empty`);
      for (const reference of nested(text)) {
        if (!other.has(reference) && !other.has(`${reference}_other`)) problems.push(`${where}: ${key} refers to missing ${reference}`);
      }
    }
  }
  return problems;
}
