import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";

/** A TanStack table rendered with DaisyUI's table styles; rows can be opened with a click or Enter. */
export function DataTable<T>({
  data,
  columns,
  caption,
  onOpen,
  rowLabel,
  rowClassName,
  selectedId,
  getId,
  hiddenColumns,
}: {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  caption: string;
  onOpen?: (row: T) => void;
  rowLabel?: (row: T) => string;
  rowClassName?: (row: T) => string;
  selectedId?: string | null;
  getId: (row: T) => string;
  /** Column ids left out (e.g. when a side panel narrows the table). */
  hiddenColumns?: string[];
}) {
  const columnVisibility = Object.fromEntries((hiddenColumns ?? []).map((id) => [id, false]));
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId: getId, state: { columnVisibility } });
  return (
    <div className="overflow-x-auto">
      <table className="table table-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id} className="text-xs uppercase tracking-wide text-base-content/70">
              {hg.headers.map((h) => (
                <th key={h.id} scope="col" className={(h.column.columnDef.meta as { className?: string } | undefined)?.className}>
                  {h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const id = getId(row.original);
            return (
              <tr
                key={row.id}
                className={`${onOpen ? "cursor-pointer hover:bg-base-200" : ""} ${selectedId === id ? "bg-primary/5" : ""} ${rowClassName?.(row.original) ?? ""}`}
                onClick={onOpen ? () => onOpen(row.original) : undefined}
              >
                {row.getVisibleCells().map((cell, i) => (
                  <td key={cell.id} className={(cell.column.columnDef.meta as { className?: string } | undefined)?.className}>
                    {i === 0 && onOpen ? (
                      <button
                        type="button"
                        className="link link-hover text-left font-medium"
                        aria-label={rowLabel?.(row.original)}
                        onClick={(e) => {
                          e.stopPropagation();
                          onOpen(row.original);
                        }}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </button>
                    ) : (
                      flexRender(cell.column.columnDef.cell, cell.getContext())
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
