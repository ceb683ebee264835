import { useMutation, useQueryClient } from "@tanstack/react-query";

import type { Schema } from "@donpalito/api-client";

import { $api, api } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";

export type Profile = Schema<"Profile">;

export function useProfile() {
  const auth = useAuth();
  return $api.useQuery("get", "/api/users/profile", {}, { enabled: auth.status === "signedIn" });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schema<"ProfileUpdate">) => (await api.PUT("/api/users/profile", { body })).data!,
    onSuccess: (p) => client.setQueryData(["get", "/api/users/profile", {}], p),
  });
}

export function useUpdatePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schema<"NotificationPreferencesUpdate">) => (await api.PUT("/api/users/notification-preferences", { body })).data!,
    onSuccess: () => client.invalidateQueries({ queryKey: ["get", "/api/users/profile"] }),
  });
}

export function useDeactivate() {
  return useMutation({
    mutationFn: async () => {
      await api.PATCH("/api/users/deactivate");
    },
  });
}

export const DOCUMENT_TYPES: { value: Schema<"DocumentType">; label: string }[] = [
  { value: "cedula_ciudadania", label: "Cédula de ciudadanía" },
  { value: "cedula_extranjeria", label: "Cédula de extranjería" },
  { value: "pasaporte", label: "Pasaporte" },
];

export const GENDERS: { value: Schema<"Gender">; label: string }[] = [
  { value: "femenino", label: "Femenino" },
  { value: "masculino", label: "Masculino" },
  { value: "otro", label: "Otro" },
];
