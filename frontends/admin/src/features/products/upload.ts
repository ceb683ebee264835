// Image uploads go through the typed client like every call; only the transport differs: XMLHttpRequest, the one
// browser API that reports upload progress.
import { api, type Product } from "../../lib/api";

/** The server's rules (openapi.yaml, uploadProductImage), checked before any byte is sent. */
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGES = 3;

/** Why `file` cannot be uploaded, or null when it can. */
export function imageProblem(file: { type: string; size: number }): string | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return "Solo se aceptan imágenes JPEG, PNG o WebP.";
  if (file.size > MAX_IMAGE_BYTES) return "La imagen pesa más de 5 MB.";
  if (file.size === 0) return "El archivo está vacío.";
  return null;
}

/**
 * Splits picked files into the ones to keep and the reasons for the rest, given how many images the product
 * already has (at most MAX_IMAGES in all).
 */
export function checkImages(files: File[], already: number): { accepted: File[]; problems: string[] } {
  const accepted: File[] = [];
  const problems: string[] = [];
  for (const f of files) {
    const problem = imageProblem(f);
    if (problem) problems.push(`${f.name}: ${problem}`);
    else if (already + accepted.length >= MAX_IMAGES) problems.push(`${f.name}: un producto tiene como máximo ${MAX_IMAGES} imágenes.`);
    else accepted.push(f);
  }
  return { accepted, problems };
}

function xhrFetch(onProgress: (fraction: number) => void) {
  return async (request: Request): Promise<Response> => {
    const body = await request.blob();
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, key) => xhr.setRequestHeader(key, value));
      xhr.responseType = "blob";
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const i = line.indexOf(":");
          if (i > 0) headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
        }
        const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
        resolve(new Response(empty ? null : (xhr.response as Blob), { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.onerror = () => reject(new TypeError("No hay conexión con el servidor."));
      xhr.onabort = () => reject(new DOMException("Carga cancelada", "AbortError"));
      xhr.send(body);
    });
  };
}

/** Uploads one image, reporting progress from 0 to 1; resolves with the product as it now stands. */
export async function uploadImage(productId: string, file: File, onProgress: (fraction: number) => void): Promise<Product> {
  const form = new FormData();
  form.append("image", file, file.name);
  const { data } = await api.POST("/api/admin/products/{id}/images", {
    params: { path: { id: productId } },
    body: form as unknown as { image: string },
    bodySerializer: (b) => b as unknown as FormData,
    fetch: xhrFetch(onProgress),
  });
  onProgress(1);
  return data!;
}
