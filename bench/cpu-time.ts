import { readdirSync, readFileSync } from 'node:fs';

// /proc/<pid>/stat counts in clock ticks of 1/100 s on Linux.
const msPerTick = 10;

/** CPU time (user + system) a process has used so far, in ms; null where /proc cannot tell. */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * msPerTick;
  } catch {
    return null;
  }
}

/** CPU time by pid of every Postgres server process on this machine (backends, WAL writer, checkpointer…). */
export function postgresCpuMs(): Map<number, number> | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  const byPid = new Map<number, number>();
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const ms = processCpuMs(Number(pid));
    if (ms !== null) byPid.set(Number(pid), ms);
  }
  return byPid.size ? byPid : null;
}

/** µs of CPU per answered request, by process; null where unknown. */
export type CpuShares = Record<string, number | null>;

/** A clock reads one process's CPU time in ms, or several processes' by pid. */
type Clock = () => number | Map<number, number> | null;
/** Named clocks, one per process or group of processes measured. */
export type Clocks = Record<string, Clock>;

/** CPU used between two readings; a process that started in between counts whole, one that ended is lost. */
function used(from: ReturnType<Clock>, to: ReturnType<Clock>): number | null {
  if (from == null || to == null) return null;
  if (typeof from === 'number' || typeof to === 'number') return typeof from === 'number' && typeof to === 'number' ? to - from : null;
  let total = 0;
  for (const [pid, ms] of to) total += ms - (from.get(pid) ?? 0);
  return total;
}

/** Reads each named clock now; `stop()` reads them again, and tells how much each used per request in between. */
export function startCpuMeter(clocks: Clocks) {
  const read = () => Object.fromEntries(Object.entries(clocks).map(([name, clock]) => [name, clock()]));
  const start = read();
  return {
    stop() {
      const end = read();
      return (requests: number): CpuShares =>
        Object.fromEntries(
          Object.keys(clocks).map((name) => {
            const ms = used(start[name]!, end[name]!);
            return [name, ms === null || requests === 0 ? null : (ms * 1000) / requests];
          }),
        );
    },
  };
}

/** This process's own CPU time in ms (all its threads). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
