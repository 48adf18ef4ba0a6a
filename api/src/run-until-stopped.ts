const sameSignalMs = 1000;

/** Runs a long-lived command: a clear one-line error on a bad start, a clean close on Ctrl-C. */
export async function runUntilStopped(start: () => Promise<{ close(): Promise<void> }>) {
  let running: { close(): Promise<void> };
  try {
    running = await start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`tenpoint: could not start: ${message}`);
    process.exit(1);
  }
  // A second signal means "now": the requests still in flight are cut. Unless it is the first one
  // again: Ctrl-C reaches this process from the terminal and relayed by pnpm or tsx, milliseconds apart.
  let stoppingSince = 0;
  const stop = async () => {
    if (stoppingSince) {
      if (Date.now() - stoppingSince > sameSignalMs) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    await running.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
