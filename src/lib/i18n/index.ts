import { de, type MessageKey } from './de';
import { en } from './en';
import type { Text } from '../data/catalog-types';

export type { Lang } from '../analysis/format';
import type { Lang } from '../analysis/format';
export type { MessageKey };

const dictionaries: Record<Lang, Record<MessageKey, string>> = { de, en };

/** Looks up a UI string and fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the language's variant of a catalog text. */
export function pick(text: Text, lang: Lang): string {
  return text[lang] || text.de;
}
