// Browsers: the invoice is downloaded as a file.
import { fetchInvoice } from "./api";

export async function downloadInvoice(orderId: string, fileName: string): Promise<string> {
  const blob = new Blob([await fetchInvoice(orderId)], { type: "application/pdf" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return "Factura descargada.";
}
