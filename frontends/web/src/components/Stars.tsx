/** A rating out of 5, drawn as stars with the number spelt out for screen readers. */
export function Stars({ value, count, size = "sm" }: { value: number; count?: number; size?: "sm" | "md" }) {
  const rounded = Math.round(value * 2) / 2;
  const label =
    count === 0
      ? "Sin calificaciones todavía"
      : `Calificación ${value.toLocaleString("es-CO", { maximumFractionDigits: 1 })} de 5${count !== undefined ? `, ${count} ${count === 1 ? "opinión" : "opiniones"}` : ""}`;
  const px = size === "sm" ? "h-4 w-4" : "h-5 w-5";
  return (
    <span className="inline-flex items-center gap-1" role="img" aria-label={label}>
      {[1, 2, 3, 4, 5].map((i) => (
        <svg key={i} viewBox="0 0 20 20" className={`${px} ${i <= rounded ? "text-warning" : i - 0.5 === rounded ? "text-warning/60" : "text-base-300"}`} aria-hidden="true">
          <path fill="currentColor" d="M10 1.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L10 14.9l-5.2 2.7 1-5.8L1.5 7.7l5.9-.9z" />
        </svg>
      ))}
      {count !== undefined && count > 0 && <span className="text-sm text-base-content/70" aria-hidden="true">({count})</span>}
    </span>
  );
}
