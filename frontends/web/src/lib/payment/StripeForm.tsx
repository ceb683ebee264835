// Stripe's Payment Element. `@stripe/stripe-js/pure` does not inject Stripe's script on import; loadStripe
// fetches it only when this chunk runs, i.e. when a shopper actually pays by card with Stripe configured.
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useMemo, useState } from "react";

const cache = new Map<string, Promise<Stripe | null>>();
function stripeFor(key: string) {
  let p = cache.get(key);
  if (!p) {
    p = loadStripe(key);
    cache.set(key, p);
  }
  return p;
}

export default function StripeForm({ publishableKey, clientSecret, returnPath }: { publishableKey: string; clientSecret: string; returnPath: string }) {
  const stripe = useMemo(() => stripeFor(publishableKey), [publishableKey]);
  return (
    <Elements stripe={stripe} options={{ clientSecret, locale: "es-419", appearance: { theme: "stripe", variables: { colorPrimary: "#b23f20" } } }}>
      <Form returnPath={returnPath} />
    </Elements>
  );
}

function Form({ returnPath }: { returnPath: string }) {
  const stripe = useStripe();
  const elements = useElements();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!stripe || !elements) return;
        setBusy(true);
        setError(undefined);
        const { error: err } = await stripe.confirmPayment({
          elements,
          confirmParams: { return_url: window.location.origin + returnPath },
        });
        // Only reached on an immediate error; success redirects to return_url.
        setError(err?.message ?? "No pudimos procesar el pago.");
        setBusy(false);
      }}
    >
      <PaymentElement />
      {error && (
        <p role="alert" className="text-sm font-medium text-error">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary w-full" disabled={!stripe || busy}>
        {busy && <span className="loading loading-spinner loading-sm" aria-hidden="true" />}
        Pagar
      </button>
    </form>
  );
}
