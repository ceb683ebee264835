import type { BankTransferDetails } from "../lib/api";

/** The shop's bank account (from GET /api/config) and the reference to quote, when there is an order. */
export function BankDetails({ bank, reference }: { bank: BankTransferDetails | null | undefined; reference?: string }) {
  if (!bank) {
    return <p className="text-sm text-base-content/80">Te enviaremos los datos de la cuenta por correo apenas confirmes el pedido.</p>;
  }
  return (
    <div className="rounded-box bg-base-200 p-4" data-testid="bank-details">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-base-content/70">Banco</dt>
        <dd className="font-semibold">{bank.bank}</dd>
        <dt className="text-base-content/70">Tipo de cuenta</dt>
        <dd className="font-semibold">{bank.accountType}</dd>
        <dt className="text-base-content/70">Número</dt>
        <dd className="font-mono font-semibold">{bank.accountNumber}</dd>
        <dt className="text-base-content/70">Titular</dt>
        <dd className="font-semibold">{bank.holder}</dd>
        <dt className="text-base-content/70">NIT</dt>
        <dd className="font-semibold">{bank.nit}</dd>
        {reference && (
          <>
            <dt className="text-base-content/70">Referencia</dt>
            <dd className="font-mono text-base font-bold text-primary">{reference}</dd>
          </>
        )}
      </dl>
      {bank.instructions && <p className="mt-3 text-sm">{bank.instructions}</p>}
    </div>
  );
}
