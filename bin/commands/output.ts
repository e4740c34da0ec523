/** What a command hands back to the entry: lines for people, a summary for scripts, an exit code. */
export type CommandResult = { lines: string[]; summary: Record<string, unknown>; code: number };
