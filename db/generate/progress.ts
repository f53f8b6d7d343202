/** A one-line progress bar per phase (redrawn in place on a terminal, one line per phase otherwise). */
export interface PhaseProgress {
  update(done: number): void;
  finish(rows: number): number;
}

export type Log = (line: string) => void;

const WIDTH = 30;

export function startPhase(name: string, total: number, log: Log, tty: boolean): PhaseProgress {
  const started = performance.now();
  const label = name.padEnd(16);
  return {
    update(done) {
      if (!tty) return;
      const filled = Math.round((done / Math.max(total, 1)) * WIDTH);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `\r  ${label} [${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${Math.round((done / Math.max(total, 1)) * 100)}% ${seconds}s`,
      );
    },
    finish(rows) {
      const seconds = (performance.now() - started) / 1000;
      if (tty) process.stdout.write("\r\x1b[2K");
      log(`  ${label} ${rows.toLocaleString("en-US").padStart(12)} rows  ${seconds.toFixed(1).padStart(6)}s`);
      return seconds;
    },
  };
}
