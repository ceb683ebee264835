import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { errorText } from "../../components/states";
import { api } from "../../lib/api";

const schema = z.object({
  email: z.string().trim().email("Escribe un correo válido"),
  name: z.string().trim().max(100, "Máximo 100 caracteres"),
  role: z.enum(["admin", "customer"]),
});
type Values = z.infer<typeof schema>;

/** Development sign-in: mints a dev token for any email and role (only exists when the server runs in dev mode). */
export function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: "admin@donpalitojr.co", name: "", role: "admin" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    try {
      const { data } = await api.POST("/api/dev/token", {
        body: { email: values.email, role: values.role, ...(values.name ? { name: values.name } : {}) },
      });
      onSignedIn(data!.token);
    } catch (err) {
      setError(errorText(err));
    }
  });
  return (
    <main className="grid min-h-screen place-items-center bg-base-200 p-4">
      <section className="card w-full max-w-md bg-base-100 shadow-sm ring-1 ring-base-300">
        <form className="card-body gap-4" onSubmit={onSubmit} noValidate>
          <div className="flex items-center gap-3">
            <span className="grid size-10 place-items-center rounded-lg bg-accent font-black text-accent-content" aria-hidden>
              DP
            </span>
            <div>
              <h1 className="text-xl font-bold">Administración Don Palito Jr</h1>
              <p className="text-sm text-base-content/70">Ingreso de desarrollo</p>
            </div>
          </div>
          <div role="note" className="alert alert-warning text-sm">
            Modo desarrollo: el servidor firma un token local para el correo y el rol que elijas. En producción se
            ingresa con Clerk.
          </div>
          <label className="form-control w-full">
            <span className="label-text mb-1 block font-medium">Correo</span>
            <input
              type="email"
              autoComplete="email"
              className={`input input-bordered w-full ${errors.email ? "input-error" : ""}`}
              aria-invalid={errors.email ? true : undefined}
              {...register("email")}
            />
            {errors.email ? <span className="mt-1 block text-sm text-error">{errors.email.message}</span> : null}
          </label>
          <label className="form-control w-full">
            <span className="label-text mb-1 block font-medium">Nombre (opcional)</span>
            <input type="text" autoComplete="name" className="input input-bordered w-full" {...register("name")} />
          </label>
          <label className="form-control w-full">
            <span className="label-text mb-1 block font-medium">Rol</span>
            <select className="select select-bordered w-full" {...register("role")}>
              <option value="admin">Administrador</option>
              <option value="customer">Cliente</option>
            </select>
          </label>
          {error ? (
            <p role="alert" className="text-sm text-error">
              {error}
            </p>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {isSubmitting ? <span className="loading loading-spinner loading-sm" aria-hidden /> : null}
            Ingresar
          </button>
        </form>
      </section>
    </main>
  );
}
