import { describe, expect, it } from 'vitest';
import { sizeTable } from './size-table.ts';

const budgets = { 'widget.js': 1536, 'widget-ui.js': 10240 };
const baseline = { 'widget.js': { raw: 2865, gzip: 1529 }, 'widget-ui.js': { raw: 25136, gzip: 10217 } };

describe('the size table', () => {
  it("prints each bundle's gzip size beside main's and the difference", () => {
    const { lines, failed } = sizeTable(
      { 'widget.js': { raw: 2865, gzip: 1529 }, 'widget-ui.js': { raw: 25000, gzip: 10190 } },
      baseline,
      budgets,
    );
    expect(failed).toBe(false);
    expect(lines[0]).toMatch(/^bundle\s+raw\s+gzip\s+main\s+change\s+budget$/);
    expect(lines[1]).toMatch(/^widget\.js\s+2865 B\s+1529 B\s+1529 B\s+±0 B\s+1536 B$/);
    expect(lines[2]).toMatch(/^widget-ui\.js\s+25000 B\s+10190 B\s+10217 B\s+-27 B\s+10240 B$/);
  });

  it('shows growth with a plus sign, and fails a bundle over its budget', () => {
    const { lines, failed } = sizeTable(
      { 'widget.js': { raw: 2900, gzip: 1540 }, 'widget-ui.js': baseline['widget-ui.js'] },
      baseline,
      budgets,
    );
    expect(failed).toBe(true);
    expect(lines[1]).toMatch(/1540 B\s+1529 B\s+\+11 B\s+1536 B\s+OVER BUDGET$/);
  });

  it('fails a missing bundle and a bundle the widget does not ship', () => {
    const { lines, failed } = sizeTable({ 'widget-ui.js': baseline['widget-ui.js'], 'extra.js': { raw: 10, gzip: 30 } }, baseline, budgets);
    expect(failed).toBe(true);
    expect(lines.join('\n')).toMatch(/widget\.js\s+missing from dist\//);
    expect(lines.join('\n')).toMatch(/extra\.js .*not expected: the widget ships no such file/);
  });

  it('says so when main has no figure for a bundle', () => {
    const { lines, failed } = sizeTable(
      { 'widget.js': { raw: 2865, gzip: 1529 }, 'widget-ui.js': { raw: 1, gzip: 1 } },
      { 'widget.js': baseline['widget.js'] },
      budgets,
    );
    expect(failed).toBe(false);
    expect(lines[2]).toMatch(/1 B\s+-\s+new\s+10240 B$/);
  });
});
