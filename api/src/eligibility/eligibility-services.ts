import { createDecisionMemory, type DecisionMemory } from './decision-memory.ts';
import { createLoadShedding, type LoadShedding } from './load-shedding.ts';

export interface EligibilityServices {
  memory: DecisionMemory;
  shedding: LoadShedding;
}

export interface EligibilityLimits {
  /** Users × surveys whose "no" this process remembers. */
  memoryEntries: number;
  /** The longest a "no" is answered from memory, and so how stale a repeat visitor's last-seen time may get. */
  memoryMaxAgeMs: number;
  /** Eligibility statements run at once; the pool's other connections stay free for answers. */
  maxInFlight: number;
  /** The longest a call waits for its turn at the database before hearing `busy`. */
  maxWaitMs: number;
}

// About 300 bytes an entry: some 15 MB at most.
export const defaultEligibilityLimits: EligibilityLimits = {
  memoryEntries: 50_000,
  memoryMaxAgeMs: 15 * 60 * 1000,
  maxInFlight: 8,
  maxWaitMs: 20,
};

export function createEligibilityServices(limits: Partial<EligibilityLimits> = {}): EligibilityServices {
  const { memoryEntries, memoryMaxAgeMs, maxInFlight, maxWaitMs } = { ...defaultEligibilityLimits, ...limits };
  return {
    memory: createDecisionMemory({ maxEntries: memoryEntries, maxAgeMs: memoryMaxAgeMs }),
    shedding: createLoadShedding({ maxInFlight, maxWaitMs }),
  };
}
