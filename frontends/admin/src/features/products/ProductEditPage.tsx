import { newIdempotencyKey } from "@donpalito/api-client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { ConfirmDialog } from "../../components/Modal";
import { PageHeader } from "../../components/PageHeader";
import { Pill } from "../../components/Pill";
import { ErrorState, Loading, errorText } from "../../components/states";
import { useToast } from "../../components/toast";
import { $api, api, type Product } from "../../lib/api";
import { formatDateTime, formatNumber, pesosToMinor } from "../../lib/format";
import { ImageDropZone, PendingTile, type PendingImage } from "./ImagePicker";
import { ProductForm } from "./ProductForm";
import type { ProductValues } from "./schema";
import { StockDialog } from "./StockDialog";
import { uploadImage } from "./upload";

export default function ProductEditPage() {
  const { id } = useParams();
  const product = $api.useQuery("get", "/api/admin/products/{id}", { params: { path: { id: id ?? "" } } }, { enabled: !!id });
  const categories = $api.useQuery("get", "/api/categories");
  const names = categories.data?.items.map((c) => c.name) ?? [];
  if (!id) return <Editor categories={names} />;
  if (product.isPending) return <Loading rows={8} />;
  if (product.isError) return <ErrorState error={product.error} retry={() => void product.refetch()} />;
  return <Editor key={product.data.id} product={product.data} categories={names} />;
}

let pendingSeq = 0;

function Editor({ product, categories }: { product?: Product; categories: string[] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [pending, setPending] = useState<PendingImage[]>([]);
  const [stockOpen, setStockOpen] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const existing = product?.images.length ?? 0;

  const refresh = (p: Product) => {
    queryClient.setQueryData(["get", "/api/admin/products/{id}", { params: { path: { id: p.id } } }], p);
    void queryClient.invalidateQueries({ queryKey: ["get", "/api/admin/products"] });
  };

  const addFiles = (files: File[]) => {
    const added = files.map((file) => ({ key: `p${++pendingSeq}`, file, preview: URL.createObjectURL(file), progress: null }));
    if (product) void uploadAll(product.id, added, true);
    else setPending((list) => [...list, ...added]);
  };

  /** Uploads one after another (the server counts images per product), showing each one's progress. */
  const uploadAll = async (productId: string, images: PendingImage[], append: boolean) => {
    if (append) setPending((list) => [...list, ...images]);
    let last: Product | null = null;
    let failed = 0;
    for (const img of images) {
      try {
        last = await uploadImage(productId, img.file, (fraction) =>
          setPending((list) => list.map((p) => (p.key === img.key ? { ...p, progress: fraction } : p))),
        );
        setPending((list) => list.filter((p) => p.key !== img.key));
        URL.revokeObjectURL(img.preview);
        refresh(last);
      } catch (err) {
        failed++;
        setPending((list) => list.map((p) => (p.key === img.key ? { ...p, progress: null, error: errorText(err) } : p)));
      }
    }
    if (images.length > 0 && failed === 0) toast.show(images.length === 1 ? "Imagen subida" : `${images.length} imágenes subidas`);
    return failed;
  };

  const save = async (values: ProductValues) => {
    const body = {
      name: values.name.trim(),
      description: values.description.trim(),
      price: pesosToMinor(values.price),
      category: values.category.trim(),
      isActive: values.isActive,
    };
    if (product) {
      const { data } = await api.PATCH("/api/admin/products/{id}", { params: { path: { id: product.id } }, body });
      refresh(data!);
      toast.show("Cambios guardados");
      return;
    }
    const { data: created } = await api.POST("/api/admin/products", {
      params: { header: { "Idempotency-Key": newIdempotencyKey() } },
      body: { ...body, stock: Number(values.stock) },
    });
    refresh(created!);
    const failed = await uploadAll(created!.id, pending, false);
    toast.show(failed ? "Producto creado; algunas imágenes no se subieron" : "Producto creado", failed ? "error" : "success");
    navigate(`/productos/${created!.id}`, { replace: true });
  };

  const removeImage = async (imageId: string) => {
    if (!product) return;
    try {
      const { data } = await api.DELETE("/api/admin/products/{id}/images/{imageId}", { params: { path: { id: product.id, imageId } } });
      refresh(data!);
      toast.show("Imagen eliminada");
    } catch (err) {
      toast.show(errorText(err), "error");
    } finally {
      setRemoving(null);
    }
  };

  return (
    <>
      <PageHeader
        title={product ? product.name : "Nuevo producto"}
        subtitle={
          product ? (
            <span className="flex flex-wrap items-center gap-2">
              <Pill tone={product.isActive ? "good" : "neutral"}>{product.isActive ? "Visible" : "Oculto"}</Pill>
              Actualizado {formatDateTime(product.updatedAt)}
            </span>
          ) : (
            "Completa los datos; las imágenes se suben al guardar."
          )
        }
        actions={
          <Link to="/productos" className="btn btn-sm btn-ghost">
            Volver a productos
          </Link>
        }
      />
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <section className="card bg-base-100 ring-1 ring-base-300">
          <div className="card-body">
            <ProductForm product={product} categories={categories} stockEditable={!product} onSave={save} submitLabel={product ? "Guardar cambios" : "Crear producto"}>
              <fieldset>
                <legend className="mb-2 text-sm font-medium">Imágenes</legend>
                <ul className="mb-3 grid grid-cols-3 gap-3" aria-label="Imágenes actuales">
                  {product?.images.map((img) => (
                    <li key={img.id} className="relative overflow-hidden rounded-box ring-1 ring-base-300">
                      <img src={img.url} alt={`Imagen de ${product.name}`} className="aspect-square w-full object-cover" />
                      <button type="button" className="btn btn-xs btn-error absolute right-2 top-2" onClick={() => setRemoving(img.id)}>
                        Eliminar
                      </button>
                    </li>
                  ))}
                  {pending.map((img) => (
                    <PendingTile
                      key={img.key}
                      image={img}
                      onRemove={product ? undefined : () => setPending((list) => list.filter((p) => p.key !== img.key))}
                    />
                  ))}
                </ul>
                <ImageDropZone count={existing + pending.length} onFiles={addFiles} />
              </fieldset>
            </ProductForm>
          </div>
        </section>
        {product ? (
          <aside className="card bg-base-100 ring-1 ring-base-300" aria-labelledby="stock-title">
            <div className="card-body gap-3">
              <h2 id="stock-title" className="font-semibold">Stock</h2>
              <p className="num text-3xl font-bold" data-testid="product-stock">{formatNumber(product.stock)}</p>
              <p className="text-sm text-base-content/70">unidades disponibles</p>
              <button type="button" className="btn btn-outline btn-sm" onClick={() => setStockOpen(true)}>
                Ajustar stock
              </button>
              <div className="divider my-1" />
              <p className="text-sm">
                Calificación: {product.reviewCount > 0 ? `${product.averageRating.toFixed(1).replace(".", ",")} (${product.reviewCount})` : "sin reseñas"}
              </p>
              <p className="text-sm">Creado {formatDateTime(product.createdAt)}</p>
            </div>
          </aside>
        ) : null}
      </div>
      {product ? <StockDialog open={stockOpen} product={product} onClose={() => setStockOpen(false)} onDone={refresh} /> : null}
      <ConfirmDialog
        open={removing !== null}
        title="Eliminar imagen"
        message="La imagen deja de mostrarse en la tienda."
        confirmLabel="Eliminar imagen"
        danger
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && void removeImage(removing)}
      />
    </>
  );
}
