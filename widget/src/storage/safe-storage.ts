/** Runs `use` on localStorage, or answers undefined where storage is blocked or full (private mode). */
export function safeStorage<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(localStorage);
  } catch {
    return undefined;
  }
}
