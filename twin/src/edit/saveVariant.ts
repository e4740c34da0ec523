import type { PatchOp } from '../../../engine/layout/schema/patch.ts';

/** A variant as `varv whatif` reads it (`varv.variant/1`: a baseline plus a patch). */
export type SavedVariant = {
  format: 'varv.variant/1';
  name: string;
  description: string;
  patch: PatchOp[];
};

const KEY = 'varv-variants';

/** The variants saved in this tab (newest last), per store. */
export function savedVariants(store: string): SavedVariant[] {
  try {
    const all = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, SavedVariant[]>;
    return all[store] ?? [];
  } catch {
    return [];
  }
}

/**
 * Saves a variant: downloads it as `<name>.json` (run it with `varv whatif <baseline> <file>`) and
 * keeps it in the tab's session storage; returns the store's saved variants.
 */
export function saveVariant(store: string, baseline: string, name: string, patch: PatchOp[]): SavedVariant[] {
  const variant: SavedVariant = {
    format: 'varv.variant/1',
    name,
    description: `Made in the twin's edit mode for store "${store}" (baseline ${baseline}).`,
    patch,
  };
  const text = `${JSON.stringify(variant, null, 2)}\n`;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = `${name.replace(/[^\w.-]+/g, '-') || 'variant'}.json`;
  a.dataset.testid = 'variant-download';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  let all: Record<string, SavedVariant[]> = {};
  try {
    all = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, SavedVariant[]>;
  } catch {}
  const list = [...(all[store] ?? []).filter((v) => v.name !== name), variant];
  sessionStorage.setItem(KEY, JSON.stringify({ ...all, [store]: list }));
  return list;
}
