/**
 * Runs a command-line script to its end and exits: 0 on success, 1 with a readable message
 * on failure. Explicit exits matter because PGlite sometimes keeps the process alive after
 * close(). drizzle wraps driver errors in "Failed query: <the whole statement>", so the
 * cause (what actually went wrong) is printed first.
 */
export function runScript(what: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
      const message = error instanceof Error ? error.message : String(error);
      console.error(
        cause ? `${what} failed: ${cause.message}\n  in: ${message.slice(0, 300)}…` : `${what} failed: ${message}`,
      );
      process.exit(1);
    },
  );
}
