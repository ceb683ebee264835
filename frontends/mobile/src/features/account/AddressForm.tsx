import { useState } from "react";
import { View } from "react-native";

import { Button } from "@/components/Button";
import { InlineError } from "@/components/States";
import { TextField } from "@/components/TextField";
import { fieldErrors, problemMessage } from "@/components/problem";

import { emptyDraft, validateAddress, type AddressDraft, type AddressInput } from "./addresses";

export function AddressForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  busy,
  error,
}: {
  initial?: Partial<AddressDraft>;
  submitLabel: string;
  onSubmit: (body: AddressInput) => void;
  onCancel?: () => void;
  busy?: boolean;
  error?: unknown;
}) {
  const [d, setD] = useState<AddressDraft>({ ...emptyDraft, ...initial });
  const [errors, setErrors] = useState<Partial<Record<keyof AddressDraft, string>>>({});
  const server = fieldErrors(error);
  const set = (k: keyof AddressDraft) => (v: string) => setD((prev) => ({ ...prev, [k]: v }));
  const submit = () => {
    const r = validateAddress(d);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    onSubmit(r.body);
  };
  return (
    <View className="gap-3">
      <TextField label="Nombre de la dirección" value={d.label} onChangeText={set("label")} error={errors.label ?? server.label} />
      <TextField label="Quién recibe" value={d.fullName} onChangeText={set("fullName")} error={errors.fullName ?? server.fullName} autoComplete="name" />
      <TextField label="Dirección" value={d.streetAddress} onChangeText={set("streetAddress")} error={errors.streetAddress ?? server.streetAddress} placeholder="Carrera 47 # 76D Sur-37" />
      <TextField label="Ciudad" value={d.city} onChangeText={set("city")} error={errors.city ?? server.city} placeholder="Sabaneta" />
      <TextField
        label="Celular"
        value={d.phoneNumber}
        onChangeText={set("phoneNumber")}
        error={errors.phoneNumber ?? server.phoneNumber}
        keyboardType="phone-pad"
        placeholder="314 870 2078"
        hint="Celular colombiano: 10 dígitos, empieza por 3."
      />
      <TextField label="Indicaciones (opcional)" value={d.notes} onChangeText={set("notes")} error={errors.notes ?? server.notes} />
      <InlineError message={error && Object.keys(server).length === 0 ? problemMessage(error) : null} />
      <View className="flex-row gap-2">
        {onCancel ? <Button label="Cancelar" variant="ghost" onPress={onCancel} /> : null}
        <Button label={submitLabel} onPress={submit} loading={busy} className="flex-1" />
      </View>
    </View>
  );
}
