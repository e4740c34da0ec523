import type { z } from 'zod';

/** One thing wrong with a layout or scenario: where (a JSON path), which rule, and what. */
export type LayoutIssue = { path: string; rule: string; message: string };

/** A checked value, or every issue found. */
export type Checked<T> = { ok: true; value: T } | { ok: false; issues: LayoutIssue[] };

/** `['obstacles', 3, 'polygon']` → `obstacles[3].polygon`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  path.forEach((key, i) => {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += i === 0 ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`; // e.g. a field named "" or "a.b"
  });
  return out;
}

export function formatIssue(issue: LayoutIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/** Prefixes every issue's path, e.g. with the JSON path of an inline store. */
export function prefixIssues(prefix: string, issues: LayoutIssue[]): LayoutIssue[] {
  return issues.map((i) => ({ ...i, path: i.path === '(root)' ? prefix : `${prefix}.${i.path}` }));
}

/** Zod's issues, with the unrecognised keys named in the path so a typo is easy to find. */
export function issuesFromZod(error: z.ZodError): LayoutIssue[] {
  return error.issues.flatMap((iss): LayoutIssue[] => {
    if (iss.code === 'unrecognized_keys') {
      return iss.keys.map((k) => ({
        path: formatPath([...iss.path, k]),
        rule: 'unknown-field',
        message: 'unknown field (check its spelling)',
      }));
    }
    if (iss.message === 'is required' || iss.message.endsWith('received undefined')) {
      return [{ path: formatPath(iss.path), rule: 'required', message: 'is required' }];
    }
    return [{ path: formatPath(iss.path), rule: iss.code, message: iss.message }];
  });
}
