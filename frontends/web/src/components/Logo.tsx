export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 ${className}`}>
      <svg viewBox="0 0 64 64" className="h-9 w-9 shrink-0" aria-hidden="true">
        <rect width="64" height="64" rx="14" fill="#C34928" />
        <g transform="rotate(-35 32 32)">
          <rect x="10" y="25" width="44" height="14" rx="7" fill="#E9B04E" />
          <path d="M16 27l4 10M24 27l4 10M32 27l4 10M40 27l4 10" stroke="#B8742A" strokeWidth="2.5" strokeLinecap="round" />
        </g>
      </svg>
      <span className="font-display text-xl font-bold leading-none text-primary">
        Don Palito <span className="text-neutral">Jr</span>
      </span>
    </span>
  );
}
