interface Props {
  value: number;
  max: number;
  min?: number;
  onChange: (v: number) => void;
  label: string;
  disabled?: boolean;
  size?: "sm" | "md";
}

/** − [n] + capped by stock: the buttons say what they do, the input accepts typing. */
export function QuantityStepper({ value, max, min = 1, onChange, label, disabled, size = "md" }: Props) {
  const clamp = (n: number) => Math.max(min, Math.min(max, Number.isFinite(n) ? Math.trunc(n) : min));
  const btn = `btn btn-square ${size === "sm" ? "btn-sm" : ""}`;
  return (
    <div className="join" role="group" aria-label={label}>
      <button
        type="button"
        className={`${btn} join-item`}
        onClick={() => onChange(clamp(value - 1))}
        disabled={disabled || value <= min}
        aria-label={`Quitar una unidad de ${label}`}
      >
        −
      </button>
      <input
        type="number"
        inputMode="numeric"
        className={`input join-item w-16 text-center ${size === "sm" ? "input-sm" : ""}`}
        value={value}
        min={min}
        max={max}
        disabled={disabled}
        aria-label={`Cantidad de ${label}`}
        onChange={(e) => onChange(clamp(Number(e.target.value)))}
      />
      <button
        type="button"
        className={`${btn} join-item`}
        onClick={() => onChange(clamp(value + 1))}
        disabled={disabled || value >= max}
        aria-label={`Agregar una unidad de ${label}`}
      >
        +
      </button>
    </div>
  );
}
