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
  let stopping = false;
  const stop = async () => {
    // A second signal means "now": the requests still in flight are cut.
    if (stopping) process.exit(1);
    stopping = true;
    await running.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
