// Direcciones: list, add, edit, delete (with confirmation) and choose the default.
import { useState } from "react";
import { FlatList, RefreshControl, Text, View } from "react-native";

import { Button } from "@/components/Button";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Screen } from "@/components/Screen";
import { EmptyState, ErrorState, InlineError, Loading } from "@/components/States";
import { problemMessage } from "@/components/problem";
import { formatPhone } from "@/lib/phone";

import { AddressForm } from "./AddressForm";
import { useAddresses, useCreateAddress, useDeleteAddress, useUpdateAddress, type Address } from "./addresses";

export function AddressesScreen() {
  const addresses = useAddresses();
  const create = useCreateAddress();
  const update = useUpdateAddress();
  const remove = useDeleteAddress();
  const [editing, setEditing] = useState<Address | "new" | null>(null);
  const [deleting, setDeleting] = useState<Address | null>(null);

  if (addresses.isPending) return <Screen edges={[]}><Loading label="Cargando direcciones…" /></Screen>;
  if (addresses.isError) return <Screen edges={[]}><ErrorState error={addresses.error} onRetry={() => void addresses.refetch()} /></Screen>;
  const items = addresses.data.items;

  if (editing) {
    const isNew = editing === "new";
    return (
      <Screen edges={[]}>
        <FlatList
          data={[]}
          renderItem={null}
          contentContainerClassName="p-4"
          ListHeaderComponent={
            <View className="gap-3">
              <Text accessibilityRole="header" className="text-lg font-bold text-ink">
                {isNew ? "Nueva dirección" : `Editar ${editing.label}`}
              </Text>
              <AddressForm
                initial={isNew ? undefined : { ...editing, notes: editing.notes ?? "" }}
                submitLabel="Guardar dirección"
                busy={create.isPending || update.isPending}
                error={isNew ? create.error : update.error}
                onCancel={() => setEditing(null)}
                onSubmit={(body) => {
                  if (isNew) create.mutate({ ...body, isDefault: items.length === 0 }, { onSuccess: () => setEditing(null) });
                  else update.mutate({ id: editing.id, body }, { onSuccess: () => setEditing(null) });
                }}
              />
            </View>
          }
        />
      </Screen>
    );
  }

  return (
    <Screen edges={[]}>
      <FlatList
        data={items}
        keyExtractor={(a) => a.id}
        contentContainerClassName="gap-2 p-4"
        refreshControl={<RefreshControl refreshing={addresses.isRefetching} onRefresh={() => void addresses.refetch()} />}
        ListEmptyComponent={<EmptyState title="No tienes direcciones" message="Agrega una para recibir tus pedidos." />}
        renderItem={({ item: a }) => (
          <View className="gap-1 rounded-xl bg-white p-3">
            <View className="flex-row items-center justify-between">
              <Text className="font-bold text-ink">{a.label}</Text>
              {a.isDefault ? <Text className="rounded-full bg-green-100 px-2 text-sm text-green-900">Predeterminada</Text> : null}
            </View>
            <Text className="text-ink">{a.fullName}</Text>
            <Text className="text-ink">{a.streetAddress}, {a.city}</Text>
            <Text className="text-ink">{formatPhone(a.phoneNumber)}</Text>
            <View className="flex-row flex-wrap gap-1">
              <Button label="Editar" variant="ghost" accessibilityLabel={`Editar ${a.label}`} onPress={() => setEditing(a)} />
              {!a.isDefault ? (
                <Button label="Usar por defecto" variant="ghost" accessibilityLabel={`Usar ${a.label} por defecto`} onPress={() => update.mutate({ id: a.id, body: { isDefault: true } })} />
              ) : null}
              <Button label="Eliminar" variant="ghost" accessibilityLabel={`Eliminar ${a.label}`} onPress={() => setDeleting(a)} />
            </View>
          </View>
        )}
        ListFooterComponent={
          <View className="mt-2 gap-2">
            <InlineError message={update.isError ? problemMessage(update.error) : remove.isError ? problemMessage(remove.error) : null} />
            {items.length < 10 ? <Button label="Agregar dirección" onPress={() => setEditing("new")} /> : <Text className="text-ink-soft">Tienes el máximo de 10 direcciones.</Text>}
          </View>
        }
      />
      <ConfirmDialog
        visible={deleting !== null}
        title="¿Eliminar la dirección?"
        message={deleting ? `Se eliminará «${deleting.label}».` : ""}
        confirmLabel="Eliminar"
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSettled: () => setDeleting(null) })}
      />
    </Screen>
  );
}
