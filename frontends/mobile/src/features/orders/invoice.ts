// Phones: the invoice is written to the cache and handed to the share sheet (save, WhatsApp, mail…).
import { File, Paths } from "expo-file-system";
import * as Sharing from "expo-sharing";

import { fetchInvoice } from "./api";

export async function downloadInvoice(orderId: string, fileName: string): Promise<string> {
  const bytes = new Uint8Array(await fetchInvoice(orderId));
  const file = new File(Paths.cache, fileName);
  if (file.exists) file.delete();
  file.create();
  file.write(bytes);
  if (await Sharing.isAvailableAsync()) {
    await Sharing.shareAsync(file.uri, { mimeType: "application/pdf", dialogTitle: fileName, UTI: "com.adobe.pdf" });
    return "Factura lista para compartir.";
  }
  return `Factura guardada en ${file.uri}`;
}
