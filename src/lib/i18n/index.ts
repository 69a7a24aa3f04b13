import { de, type MessageKey } from './de';
import { en } from './en';
import type { Text } from '../data/catalog-types';

export type { Lang } from '../analysis/format';
import type { Lang } from '../analysis/format';
export type { MessageKey };

const dictionaries: Record<Lang, Partial<Record<MessageKey, string>>> = { de: { ...de }, en: { ...en } };

/** Adds texts loaded later (the import dialog's: import-messages.ts). */
export function addMessages(extra: Record<Lang, Partial<Record<MessageKey, string>>>): void {
  for (const lang of ['de', 'en'] as const) Object.assign(dictionaries[lang], extra[lang]);
}

/** Looks up a UI string and fills `{name}` placeholders (a text not loaded yet shows its key). */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[lang][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the language's variant of a catalog text. */
export function pick(text: Text, lang: Lang): string {
  return text[lang] || text.de;
}
