import { useMutation, useQueryClient } from "@tanstack/react-query";

import type { Schema } from "@donpalito/api-client";

import { $api, api } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";
import { isColombianMobile, normalizePhone } from "@/lib/phone";

export type Address = Schema<"Address">;
export type AddressInput = Schema<"AddressCreate">;

export function useAddresses() {
  const auth = useAuth();
  return $api.useQuery("get", "/api/users/addresses", {}, { enabled: auth.status === "signedIn" });
}

function useAddressMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ["get", "/api/users/addresses"] }) });
}

export function useCreateAddress() {
  return useAddressMutation(async (body: AddressInput) => (await api.POST("/api/users/addresses", { body })).data!);
}

export function useUpdateAddress() {
  return useAddressMutation(
    async ({ id, body }: { id: string; body: Schema<"AddressUpdate"> }) =>
      (await api.PUT("/api/users/addresses/{id}", { params: { path: { id } }, body })).data!,
  );
}

export function useDeleteAddress() {
  return useAddressMutation(async (id: string) => {
    await api.DELETE("/api/users/addresses/{id}", { params: { path: { id } } });
  });
}

export interface AddressDraft {
  label: string;
  fullName: string;
  streetAddress: string;
  city: string;
  phoneNumber: string;
  notes: string;
}

export const emptyDraft: AddressDraft = { label: "Casa", fullName: "", streetAddress: "", city: "", phoneNumber: "", notes: "" };

/** Checks a draft the way the server will (so most mistakes show before sending) and builds the body. */
export function validateAddress(d: AddressDraft): { ok: true; body: AddressInput } | { ok: false; errors: Partial<Record<keyof AddressDraft, string>> } {
  const errors: Partial<Record<keyof AddressDraft, string>> = {};
  if (!d.label.trim()) errors.label = "Ponle un nombre, por ejemplo Casa.";
  if (d.fullName.trim().length < 2) errors.fullName = "Escribe el nombre de quien recibe.";
  if (d.streetAddress.trim().length < 3) errors.streetAddress = "Escribe la dirección.";
  if (d.city.trim().length < 2) errors.city = "Escribe la ciudad.";
  if (!isColombianMobile(d.phoneNumber)) errors.phoneNumber = "Celular colombiano de 10 dígitos que empieza por 3, por ejemplo 314 870 2078.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      label: d.label.trim(),
      fullName: d.fullName.trim(),
      streetAddress: d.streetAddress.trim(),
      city: d.city.trim(),
      phoneNumber: normalizePhone(d.phoneNumber),
      ...(d.notes.trim() ? { notes: d.notes.trim() } : {}),
    },
  };
}
