import { readFileSync } from 'node:fs';
import { type StoreLayout, validateStore } from '../../engine/layout/index.ts';

export const GROCERY = 'scenarios/stores/demo-grocery.json';
export const FASHION = 'scenarios/stores/demo-fashion.json';

/** A fresh copy of a store file, as parsed JSON. */
export function storeJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** A store file, validated (throws with the issues if it is not valid). */
export function validStore(file: string, edit?: (json: Record<string, unknown>) => void): StoreLayout {
  const json = storeJson(file);
  edit?.(json);
  const r = validateStore(json);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.value;
}

/** The controller section of a store JSON, to edit in place. */
export function controllerOf(json: Record<string, unknown>): Record<string, unknown> {
  return json.controller as Record<string, unknown>;
}

/** Text with markup removed and character references decoded. */
export function plainText(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}
