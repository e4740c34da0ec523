/** A one-line progress bar redrawn in place on a terminal; nothing at all when not a terminal. */
export function progressBar(stream: NodeJS.WriteStream, width = 30) {
  const tty = Boolean(stream.isTTY);
  let last = '';
  return {
    update(fraction: number, label: string) {
      if (!tty) return;
      const f = Math.max(0, Math.min(1, fraction));
      const filled = Math.round(f * width);
      const line = `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${(100 * f).toFixed(0).padStart(3)}%  ${label}`;
      if (line === last) return;
      last = line;
      stream.write(`\r${line}\u001b[K`);
    },
    done() {
      if (tty && last) stream.write('\r\u001b[K');
    },
  };
}
