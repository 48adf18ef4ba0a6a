const said = new Set<string>();

// Runs on every route change, so the same problem must not flood the host's console.
export function warn(message: string): void {
  if (said.has(message)) return;
  said.add(message);
  console.warn(`[tenpoint] ${message}`);
}

export const describe = (error: unknown): string => (error as Error)?.message ?? String(error);
