import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type ReactNode } from "react";
import { useForm, type UseFormSetError } from "react-hook-form";
import { z } from "zod";

import { applyProblemToForm } from "../lib/problems";

export const addressSchema = z.object({
  label: z.string().trim().max(40, "Máximo 40 caracteres.").optional(),
  fullName: z.string().trim().min(2, "Escribe el nombre de quien recibe.").max(100, "Máximo 100 caracteres."),
  streetAddress: z.string().trim().min(3, "Escribe la dirección.").max(200, "Máximo 200 caracteres."),
  city: z.string().trim().min(2, "Escribe la ciudad o municipio.").max(80, "Máximo 80 caracteres."),
  phoneNumber: z
    .string()
    .trim()
    .regex(/^3\d{9}$/, "Escribe un celular de 10 dígitos que empiece por 3, sin espacios."),
  notes: z.string().trim().max(200, "Máximo 200 caracteres.").optional(),
});
export type AddressValues = z.infer<typeof addressSchema>;
export const ADDRESS_FIELDS = ["label", "fullName", "streetAddress", "city", "phoneNumber", "notes"] as const;

interface Props {
  defaultValues?: Partial<AddressValues>;
  submitLabel: string;
  /** Throw the API error to have its field errors placed on the inputs. */
  onSubmit: (v: AddressValues) => Promise<void>;
  withLabel?: boolean;
  extra?: ReactNode;
  onCancel?: () => void;
  idPrefix: string;
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="label text-sm font-medium text-base-content">
        {label}
      </label>
      {children}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function AddressForm({ defaultValues, submitLabel, onSubmit, withLabel = true, extra, onCancel, idPrefix }: Props) {
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, setError, formState } = useForm<AddressValues>({
    resolver: zodResolver(addressSchema),
    defaultValues: { city: "Sabaneta", ...defaultValues },
  });
  const e = formState.errors;
  const input = (name: keyof AddressValues) => ({
    id: `${idPrefix}-${name}`,
    className: `input w-full ${e[name] ? "input-error" : ""}`,
    "aria-invalid": e[name] ? true : undefined,
    "aria-describedby": e[name] ? `${idPrefix}-${name}-error` : undefined,
    ...register(name),
  });
  const submit = handleSubmit(async (v) => {
    setFormError(undefined);
    try {
      await onSubmit(v);
    } catch (err) {
      setFormError(applyProblemToForm(err, setError as UseFormSetError<AddressValues> as never, ADDRESS_FIELDS));
    }
  });
  return (
    <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-2">
      {formError && (
        <div role="alert" className="alert alert-error alert-soft sm:col-span-2">
          {formError}
        </div>
      )}
      {withLabel && (
        <Field id={`${idPrefix}-label`} label="Nombre de la dirección (Casa, Oficina…)" error={e.label?.message}>
          <input type="text" {...input("label")} />
        </Field>
      )}
      <Field id={`${idPrefix}-fullName`} label="Quién recibe" error={e.fullName?.message}>
        <input type="text" autoComplete="name" {...input("fullName")} />
      </Field>
      <Field id={`${idPrefix}-streetAddress`} label="Dirección" error={e.streetAddress?.message}>
        <input type="text" autoComplete="street-address" placeholder="Cra 45 # 70 Sur - 12, apto 301" {...input("streetAddress")} />
      </Field>
      <Field id={`${idPrefix}-city`} label="Municipio" error={e.city?.message}>
        <input type="text" autoComplete="address-level2" {...input("city")} />
      </Field>
      <Field id={`${idPrefix}-phoneNumber`} label="Celular" error={e.phoneNumber?.message}>
        <input type="tel" inputMode="numeric" autoComplete="tel-national" placeholder="3001234567" {...input("phoneNumber")} />
      </Field>
      <Field id={`${idPrefix}-notes`} label="Indicaciones (opcional)" error={e.notes?.message}>
        <input type="text" placeholder="Portería, torre, punto de referencia" {...input("notes")} />
      </Field>
      {extra && <div className="sm:col-span-2">{extra}</div>}
      <div className="flex gap-3 sm:col-span-2">
        <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting && <span className="loading loading-spinner loading-sm" aria-hidden="true" />}
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Cancelar
          </button>
        )}
      </div>
    </form>
  );
}
