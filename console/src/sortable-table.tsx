import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface Column<Row> {
  name: string;
  value: (row: Row) => string | number | null;
  show?: (row: Row) => ComponentChildren;
  numeric?: boolean;
}

/** A table whose column headers sort it, one way then the other; empty cells sort last. */
export function SortableTable<Row>({
  columns,
  rows,
  label,
  initial,
}: {
  columns: Column<Row>[];
  rows: Row[];
  label: string;
  initial: string;
}) {
  const [sort, setSort] = useState({ column: initial, descending: true });
  const column = columns.find((candidate) => candidate.name === sort.column) ?? columns[0]!;
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [column.value(a), column.value(b)];
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sort.descending ? -order : order;
  });
  return (
    <div class="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((candidate) => (
              <th
                key={candidate.name}
                class={candidate.numeric ? 'numeric' : ''}
                aria-sort={candidate.name === sort.column ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  onClick={() => setSort({ column: candidate.name, descending: candidate.name === sort.column ? !sort.descending : true })}
                >
                  {candidate.name}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row, index) => (
            <tr key={index}>
              {columns.map((candidate) => (
                <td key={candidate.name} class={candidate.numeric ? 'numeric' : ''}>
                  {candidate.show ? candidate.show(row) : (candidate.value(row) ?? '–')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
