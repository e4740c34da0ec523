import {
  describeStore,
  formatIssue,
  formatStoreSummary,
  type StoreSummary,
  validateFile,
} from '../../engine/layout/index.ts';
import type { CommandResult } from './output.ts';

type FileReport = {
  file: string;
  ok: boolean;
  kind?: 'store' | 'scenario';
  id?: string;
  issues: { path: string; rule: string; message: string }[];
  summary?: StoreSummary;
};

/** `varv validate <file…>`: every issue of every file; exit 1 when any file is invalid. */
export function validateCommand(files: string[], opts: { describe: boolean }): CommandResult {
  const lines: string[] = [];
  const reports: FileReport[] = [];
  if (files.length === 0) {
    return {
      lines: ['varv validate: name at least one store or scenario file'],
      summary: { command: 'validate', ok: false, files: [] },
      code: 2,
    };
  }
  for (const file of files) {
    const r = validateFile(file);
    if (!r.ok) {
      reports.push({ file, ok: false, issues: r.issues });
      lines.push(`✗ ${file} (${r.issues.length} issue${r.issues.length === 1 ? '' : 's'})`);
      for (const issue of r.issues) lines.push(`    ${formatIssue(issue)}  [${issue.rule}]`);
      continue;
    }
    const { kind, value } = r.value;
    const report: FileReport = {
      file,
      ok: true,
      kind,
      id: kind === 'store' ? value.id : value.store.id,
      issues: [],
    };
    lines.push(
      `✓ ${file}  ${kind === 'store' ? `store "${value.id}"` : `scenario on store "${value.store.id}" (${value.storeRef})`}`,
    );
    if (opts.describe && kind === 'store') {
      report.summary = describeStore(value);
      lines.push(formatStoreSummary(report.summary), '');
    }
    reports.push(report);
  }
  const bad = reports.filter((r) => !r.ok).length;
  lines.push(bad ? `${bad} of ${files.length} file(s) invalid` : `all ${files.length} file(s) valid`);
  return { lines, summary: { command: 'validate', ok: bad === 0, files: reports }, code: bad ? 1 : 0 };
}
