// Editar perfil: name, document type and number (checked together by the server), gender, birth
// date with a date picker, mobile phone.
import { useRouter } from "expo-router";
import { useEffect, useState } from "react";
import { ScrollView, Text, View } from "react-native";

import type { Schema } from "@donpalito/api-client";

import { Chip } from "@/components/Chip";
import { Button } from "@/components/Button";
import { DateField } from "@/components/DateField";
import { Screen } from "@/components/Screen";
import { ErrorState, InlineError, Loading, Notice } from "@/components/States";
import { TextField } from "@/components/TextField";
import { fieldErrors, problemMessage } from "@/components/problem";
import { isColombianMobile, normalizePhone } from "@/lib/phone";

import { DOCUMENT_TYPES, GENDERS, useProfile, useUpdateProfile, type Profile } from "./profile";

function Form({ profile }: { profile: Profile }) {
  const router = useRouter();
  const update = useUpdateProfile();
  const [name, setName] = useState(profile.name);
  const [phone, setPhone] = useState(profile.phone ?? "");
  const [docType, setDocType] = useState<Schema<"DocumentType"> | undefined>(profile.documentType);
  const [docNumber, setDocNumber] = useState(profile.documentNumber ?? "");
  const [gender, setGender] = useState<Schema<"Gender"> | undefined>(profile.gender);
  const [birthDate, setBirthDate] = useState<string | null>(profile.birthDate ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = fieldErrors(update.error);

  useEffect(() => {
    if (update.isSuccess) setErrors({});
  }, [update.isSuccess]);

  const save = () => {
    const e: Record<string, string> = {};
    if (!name.trim()) e.name = "Escribe tu nombre.";
    if (phone.trim() && !isColombianMobile(phone)) e.phone = "Celular colombiano de 10 dígitos que empieza por 3.";
    if (docNumber.trim() && !docType) e.documentType = "Elige el tipo de documento.";
    if (docType && !/^[A-Za-z0-9]{5,20}$/.test(docNumber.trim())) e.documentNumber = "Entre 5 y 20 letras o números, sin espacios.";
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const body: Schema<"ProfileUpdate"> = { name: name.trim() };
    if (phone.trim()) body.phone = normalizePhone(phone);
    if (docType) {
      body.documentType = docType;
      body.documentNumber = docNumber.trim();
    }
    if (gender) body.gender = gender;
    if (birthDate) body.birthDate = birthDate;
    update.mutate(body);
  };

  return (
    <ScrollView contentContainerClassName="gap-4 p-4 pb-10">
      <TextField label="Nombre" value={name} onChangeText={setName} error={errors.name ?? server.name} />
      <TextField label="Celular" value={phone} onChangeText={setPhone} keyboardType="phone-pad" placeholder="300 123 4567" error={errors.phone ?? server.phone} />
      <View className="gap-1">
        <Text className="font-medium text-ink">Tipo de documento</Text>
        <View className="flex-row flex-wrap gap-2">
          {DOCUMENT_TYPES.map((d) => (
            <Chip key={d.value} label={d.label} selected={docType === d.value} onPress={() => setDocType(d.value)} />
          ))}
        </View>
        <InlineError message={errors.documentType ?? server.documentType} />
      </View>
      <TextField label="Número de documento" value={docNumber} onChangeText={setDocNumber} autoCapitalize="characters" error={errors.documentNumber ?? server.documentNumber} />
      <View className="gap-1">
        <Text className="font-medium text-ink">Género</Text>
        <View className="flex-row flex-wrap gap-2">
          {GENDERS.map((g) => (
            <Chip key={g.value} label={g.label} selected={gender === g.value} onPress={() => setGender(g.value)} />
          ))}
        </View>
      </View>
      <DateField label="Fecha de nacimiento" value={birthDate} onChange={setBirthDate} error={server.birthDate} />
      <InlineError message={update.isError && Object.keys(server).length === 0 ? problemMessage(update.error) : null} />
      {update.isSuccess ? <Notice tone="success" message="Perfil guardado." /> : null}
      <Button label="Guardar" onPress={save} loading={update.isPending} />
      <Button label="Volver" variant="ghost" onPress={() => router.back()} />
    </ScrollView>
  );
}

export function EditProfileScreen() {
  const profile = useProfile();
  if (profile.isPending) return <Screen edges={[]}><Loading label="Cargando perfil…" /></Screen>;
  if (profile.isError) return <Screen edges={[]}><ErrorState error={profile.error} onRetry={() => void profile.refetch()} /></Screen>;
  return (
    <Screen edges={[]}>
      <Form profile={profile.data} />
    </Screen>
  );
}
