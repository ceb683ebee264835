import { formatMoney } from "../lib/money";

interface Totals {
  subtotal: number;
  discount: number;
  shipping: number;
  taxIncluded: number;
  total: number;
  currency: string;
  couponCode?: string;
}

/** The server's totals, in the same order everywhere (cart, checkout, order). */
export function Totals({ t }: { t: Totals }) {
  return (
    <dl className="space-y-2 text-sm">
      <div className="flex justify-between">
        <dt>Subtotal</dt>
        <dd data-testid="subtotal">{formatMoney(t.subtotal, t.currency)}</dd>
      </div>
      {t.discount > 0 && (
        <div className="flex justify-between text-success">
          <dt>Descuento{t.couponCode ? ` (${t.couponCode})` : ""}</dt>
          <dd data-testid="discount">−{formatMoney(t.discount, t.currency)}</dd>
        </div>
      )}
      <div className="flex justify-between">
        <dt>Domicilio</dt>
        <dd>{t.shipping === 0 ? "Gratis" : formatMoney(t.shipping, t.currency)}</dd>
      </div>
      <div className="flex justify-between border-t border-base-300 pt-2 text-lg font-bold">
        <dt>Total</dt>
        <dd data-testid="total">{formatMoney(t.total, t.currency)}</dd>
      </div>
      <div className="flex justify-between text-base-content/70">
        <dt>IVA incluido</dt>
        <dd>{formatMoney(t.taxIncluded, t.currency)}</dd>
      </div>
    </dl>
  );
}
