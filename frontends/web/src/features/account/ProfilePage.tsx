import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import { z } from "zod";

import { AccountNav } from "../../components/AccountNav";
import { PageHeading, usePageTitle } from "../../components/PageTitle";
import { ErrorState, Loading } from "../../components/States";
import type { Schema } from "@donpalito/api-client";

import { $api, api, keys } from "../../lib/api";
import { signOut } from "../../lib/auth/store";
import { applyProblemToForm, problemMessage } from "../../lib/problems";
import { toast } from "../../lib/toast";

const today = () => new Date().toISOString().slice(0, 10);
const schema = z.object({
  name: z.string().trim().min(1, "Escribe tu nombre.").max(100, "Máximo 100 caracteres."),
  phone: z.union([z.literal(""), z.string().trim().regex(/^3\d{9}$/, "Celular de 10 dígitos que empiece por 3, sin espacios.")]),
  documentType: z.union([z.literal(""), z.enum(["cedula_ciudadania", "cedula_extranjeria", "pasaporte"])]),
  documentNumber: z.union([z.literal(""), z.string().trim().regex(/^[A-Za-z0-9]{5,20}$/, "Entre 5 y 20 letras o números, sin puntos ni espacios.")]),
  gender: z.union([z.literal(""), z.enum(["masculino", "femenino", "otro"])]),
  birthDate: z.union([z.literal(""), z.string().refine((v) => v <= today(), "La fecha de nacimiento no puede ser en el futuro.")]),
});
type Values = z.infer<typeof schema>;
const FIELDS = ["name", "phone", "documentType", "documentNumber", "gender", "birthDate"] as const;

export default function ProfilePage() {
  usePageTitle("Mi perfil");
  const q = $api.useQuery("get", "/api/users/profile");
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <PageHeading>Mi perfil</PageHeading>
      <AccountNav />
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isLoading && <Loading label="Cargando tu perfil…"><div className="skeleton mt-6 h-96" /></Loading>}
      {q.data && (
        <>
          <ProfileForm profile={q.data} />
          <Preferences email={q.data.emailNotifications} marketing={q.data.marketingEmails} />
          <Deactivate />
        </>
      )}
    </div>
  );
}

type ProfileData = Schema<"Profile">;

function ProfileForm({ profile }: { profile: ProfileData }) {
  const qc = useQueryClient();
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: profile.name,
      phone: profile.phone ?? "",
      documentType: profile.documentType ?? "",
      documentNumber: profile.documentNumber ?? "",
      gender: profile.gender ?? "",
      birthDate: profile.birthDate ?? "",
    },
  });
  const e = formState.errors;
  const f = (name: keyof Values) => ({
    id: `profile-${name}`,
    "aria-invalid": e[name] ? true : undefined,
    "aria-describedby": e[name] ? `profile-${name}-error` : undefined,
    ...register(name),
  });
  const err = (name: keyof Values) => e[name] && <p id={`profile-${name}-error`} className="mt-1 text-sm text-error">{e[name]?.message}</p>;
  return (
    <form
      noValidate
      className="mt-6 grid gap-4 rounded-box border border-base-300 bg-base-100 p-5 sm:grid-cols-2"
      onSubmit={handleSubmit(async (v) => {
        setFormError(undefined);
        const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== "")) as never;
        try {
          const { data } = await api.PUT("/api/users/profile", { body });
          if (data) qc.setQueryData(["get", "/api/users/profile", {}], data);
          void qc.invalidateQueries({ queryKey: keys.profile });
          toast.success("Guardamos tu perfil.");
        } catch (x) {
          setFormError(applyProblemToForm(x, setError as never, FIELDS));
        }
      })}
    >
      <h2 className="font-display text-lg font-bold sm:col-span-2">Datos personales</h2>
      {formError && <div role="alert" className="alert alert-error alert-soft sm:col-span-2">{formError}</div>}
      <div>
        <label htmlFor="profile-email" className="label text-sm font-medium text-base-content">Correo</label>
        <input id="profile-email" className="input w-full" value={profile.email} readOnly disabled />
      </div>
      <div>
        <label htmlFor="profile-name" className="label text-sm font-medium text-base-content">Nombre</label>
        <input className="input w-full" autoComplete="name" {...f("name")} />
        {err("name")}
      </div>
      <div>
        <label htmlFor="profile-documentType" className="label text-sm font-medium text-base-content">Tipo de documento</label>
        <select className="select w-full" {...f("documentType")}>
          <option value="">Sin especificar</option>
          <option value="cedula_ciudadania">Cédula de ciudadanía</option>
          <option value="cedula_extranjeria">Cédula de extranjería</option>
          <option value="pasaporte">Pasaporte</option>
        </select>
        {err("documentType")}
      </div>
      <div>
        <label htmlFor="profile-documentNumber" className="label text-sm font-medium text-base-content">Número de documento</label>
        <input className="input w-full" {...f("documentNumber")} />
        {err("documentNumber")}
      </div>
      <div>
        <label htmlFor="profile-gender" className="label text-sm font-medium text-base-content">Género</label>
        <select className="select w-full" {...f("gender")}>
          <option value="">Sin especificar</option>
          <option value="femenino">Femenino</option>
          <option value="masculino">Masculino</option>
          <option value="otro">Otro</option>
        </select>
        {err("gender")}
      </div>
      <div>
        <label htmlFor="profile-birthDate" className="label text-sm font-medium text-base-content">Fecha de nacimiento</label>
        <input type="date" className="input w-full" max={today()} {...f("birthDate")} />
        {err("birthDate")}
      </div>
      <div>
        <label htmlFor="profile-phone" className="label text-sm font-medium text-base-content">Celular</label>
        <input type="tel" inputMode="numeric" autoComplete="tel-national" className="input w-full" placeholder="3001234567" {...f("phone")} />
        {err("phone")}
      </div>
      <div className="sm:col-span-2">
        <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting && <span className="loading loading-spinner loading-sm" aria-hidden="true" />}
          Guardar cambios
        </button>
      </div>
    </form>
  );
}

function Preferences({ email, marketing }: { email: boolean; marketing: boolean }) {
  const qc = useQueryClient();
  const [state, setState] = useState({ emailNotifications: email, marketingEmails: marketing });
  const save = async (patch: Partial<typeof state>) => {
    const prev = state;
    setState({ ...state, ...patch });
    try {
      await api.PUT("/api/users/notification-preferences", { body: patch });
      void qc.invalidateQueries({ queryKey: keys.profile });
      toast.success("Guardamos tus preferencias.");
    } catch (err) {
      setState(prev);
      toast.error(problemMessage(err));
    }
  };
  return (
    <section aria-labelledby="prefs-title" className="mt-6 rounded-box border border-base-300 bg-base-100 p-5">
      <h2 id="prefs-title" className="font-display text-lg font-bold">Notificaciones</h2>
      <label className="mt-3 flex cursor-pointer items-center gap-3">
        <input type="checkbox" className="toggle toggle-primary" checked={state.emailNotifications} onChange={(e) => void save({ emailNotifications: e.target.checked })} />
        <span>Correos sobre el estado de mis pedidos</span>
      </label>
      <label className="mt-3 flex cursor-pointer items-center gap-3">
        <input type="checkbox" className="toggle toggle-primary" checked={state.marketingEmails} onChange={(e) => void save({ marketingEmails: e.target.checked })} />
        <span>Promociones y novedades de la panadería</span>
      </label>
    </section>
  );
}

function Deactivate() {
  const id = useId();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const dialog = () => document.getElementById(id) as HTMLDialogElement | null;
  return (
    <section aria-labelledby={`${id}-h`} className="mt-6 rounded-box border border-error/40 bg-base-100 p-5">
      <h2 id={`${id}-h`} className="font-display text-lg font-bold text-error">Desactivar mi cuenta</h2>
      <p className="mt-1 text-sm">No podrás ingresar ni comprar con esta cuenta hasta que la tienda la reactive.</p>
      <button type="button" className="btn btn-outline btn-error mt-3" onClick={() => dialog()?.showModal()}>Desactivar cuenta</button>
      <dialog id={id} className="modal" aria-labelledby={`${id}-t`}>
        <div className="modal-box">
          <h3 id={`${id}-t`} className="font-display text-lg font-bold">¿Seguro que quieres desactivar tu cuenta?</h3>
          <p className="py-3">Tus pedidos quedan guardados, pero no podrás usar la cuenta hasta que la tienda la reactive.</p>
          <div className="modal-action">
            <button type="button" className="btn btn-ghost" onClick={() => dialog()?.close()}>No, volver</button>
            <button
              type="button"
              className="btn btn-error"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  await api.PATCH("/api/users/deactivate");
                  dialog()?.close();
                  await signOut();
                  toast.info("Desactivamos tu cuenta.");
                  void navigate("/");
                } catch (err) {
                  toast.error(problemMessage(err));
                } finally {
                  setBusy(false);
                }
              }}
            >
              Sí, desactivar
            </button>
          </div>
        </div>
        <form method="dialog" className="modal-backdrop"><button type="submit">Cerrar</button></form>
      </dialog>
    </section>
  );
}
