export function Pagination({
  page,
  limit,
  total,
  onPage,
}: {
  page: number;
  limit: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / limit));
  const first = total === 0 ? 0 : (page - 1) * limit + 1;
  const last = Math.min(total, page * limit);
  return (
    <nav className="flex items-center justify-between gap-4 border-t border-base-300 px-4 py-3 text-sm" aria-label="Paginación">
      <p className="text-base-content/70">
        {total === 0 ? "Sin resultados" : `${first}–${last} de ${total}`}
      </p>
      <div className="join">
        <button type="button" className="btn btn-sm join-item" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Anterior
        </button>
        <span className="btn btn-sm join-item pointer-events-none" aria-current="page">
          Página {page} de {pages}
        </span>
        <button type="button" className="btn btn-sm join-item" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Siguiente
        </button>
      </div>
    </nav>
  );
}
