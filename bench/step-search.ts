/** One rate tried by the search, and whether it met the target. */
export interface Step {
  rate: number;
  ok: boolean;
}

/**
 * The highest rate that meets the target, in few steps: doubles from `start` until a rate fails,
 * then halves the gap between the last pass and the first failure `bisections` times. 0 when even
 * the lowest rate tried fails; `ceiling` when it passes there (the load generator's limit, say).
 */
export async function highestPassingRate(
  meetsTarget: (rate: number) => Promise<boolean>,
  options: { start: number; ceiling: number; bisections: number; floor?: number },
): Promise<{ rate: number; steps: Step[] }> {
  const steps: Step[] = [];
  const floor = options.floor ?? 1;
  const attempt = async (rate: number) => {
    const ok = await meetsTarget(rate);
    steps.push({ rate, ok });
    return ok;
  };
  let passed = 0;
  let failed = Number.POSITIVE_INFINITY;
  for (let rate = Math.min(options.start, options.ceiling); ; rate = Math.min(rate * 2, options.ceiling)) {
    if (await attempt(rate)) passed = rate;
    else {
      failed = rate;
      break;
    }
    if (rate >= options.ceiling) return { rate: passed, steps };
  }
  for (let i = 0; i < options.bisections; i++) {
    const rate = Math.round((passed + failed) / 2);
    if (rate <= passed || rate >= failed || rate < floor) break;
    if (await attempt(rate)) passed = rate;
    else failed = rate;
  }
  return { rate: passed, steps };
}
