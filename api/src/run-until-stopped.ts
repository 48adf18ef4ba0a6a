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
  const stop = async () => {
    await running.close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
