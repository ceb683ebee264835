import { zodResolver } from "@hookform/resolvers/zod";
import { lazy, Suspense, useState } from "react";
import { useForm } from "react-hook-form";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { z } from "zod";

import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { ErrorState } from "../../components/States";
import { api, useConfig } from "../../lib/api";
import { chooseAuthMode } from "../../lib/auth/mode";
import { useAuthStore, useSignedIn } from "../../lib/auth/store";
import { applyProblemToForm } from "../../lib/problems";

const ClerkSignIn = lazy(() => import("../../lib/auth/clerk").then((m) => ({ default: m.ClerkSignIn })));

/** Only same-site paths are followed after sign-in (no open redirects). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

export default function SignInPage() {
  usePageTitle("Ingresar");
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const config = useConfig();
  const signedIn = useSignedIn();
  const mode = chooseAuthMode(config.data);

  if (signedIn) return <Navigate to={next} replace />;
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <PageHeading>Ingresar</PageHeading>
      <p className="mt-2 text-base-content/75">Ingresa para pagar, ver tus pedidos y guardar tus direcciones. Lo que tengas en el carrito se conserva.</p>
      <div className="mt-8">
        {config.isLoading && <div className="skeleton h-48" aria-hidden="true" />}
        {config.error && <ErrorState error={config.error} onRetry={() => void config.refetch()} />}
        {mode === "dev" && <DevSignIn next={next} />}
        {mode === "clerk" && (
          <Suspense fallback={<div className="skeleton h-96" aria-hidden="true" />}>
            <ClerkSignIn next={next} />
          </Suspense>
        )}
        {config.data && mode === "unavailable" && (
          <div role="alert" className="alert alert-warning">El ingreso no está disponible en este momento. Inténtalo más tarde.</div>
        )}
      </div>
    </div>
  );
}

const schema = z.object({
  email: z.string().trim().min(1, "Escribe tu correo.").email("Escribe un correo válido, como ana@ejemplo.com."),
  name: z.string().trim().max(100, "Máximo 100 caracteres.").optional(),
});
type Values = z.infer<typeof schema>;

function DevSignIn({ next }: { next: string }) {
  const setDev = useAuthStore((s) => s.setDev);
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(schema) });

  const onSubmit = handleSubmit(async (v) => {
    setFormError(undefined);
    try {
      const { data } = await api.POST("/api/dev/token", {
        body: { email: v.email, ...(v.name ? { name: v.name } : {}), role: "customer" },
      });
      if (!data) return;
      setDev({ token: data.token, expiresAt: data.expiresAt, email: v.email, ...(v.name ? { name: v.name } : {}) });
      void navigate(next, { replace: true });
    } catch (err) {
      setFormError(applyProblemToForm(err, setError, ["email", "name"]));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="card border border-warning/40 bg-base-100 shadow-sm">
      <div className="card-body gap-4">
        <div className="rounded-box border border-warning bg-warning/10 p-3 text-sm text-base-content" role="note">
          <span>
            <strong>Ingreso de desarrollo.</strong> Esta tienda corre en modo de pruebas: escribe cualquier correo para
            entrar, sin contraseña.
          </span>
        </div>
        {formError && (
          <div role="alert" className="alert alert-error alert-soft">
            {formError}
          </div>
        )}
        <div>
          <label htmlFor="signin-email" className="label font-medium text-base-content">
            Correo electrónico
          </label>
          <input
            id="signin-email"
            type="email"
            autoComplete="email"
            className={`input w-full ${errors.email ? "input-error" : ""}`}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "signin-email-error" : undefined}
            {...register("email")}
          />
          {errors.email && (
            <p id="signin-email-error" className="mt-1 text-sm text-error">
              {errors.email.message}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="signin-name" className="label font-medium text-base-content">
            Nombre (opcional)
          </label>
          <input id="signin-name" type="text" autoComplete="name" className="input w-full" {...register("name")} />
          {errors.name && <p className="mt-1 text-sm text-error">{errors.name.message}</p>}
        </div>
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting && <span className="loading loading-spinner loading-sm" aria-hidden="true" />}
          Ingresar
        </button>
      </div>
    </form>
  );
}
