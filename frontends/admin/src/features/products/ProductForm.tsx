import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";

import type { Product } from "../../lib/api";
import { minorToPesos } from "../../lib/format";
import { applyServerErrors, productSchema, type ProductValues } from "./schema";

export function toValues(p?: Product): ProductValues {
  return p
    ? { name: p.name, description: p.description, price: minorToPesos(p.price), stock: String(p.stock), category: p.category, isActive: p.isActive }
    : { name: "", description: "", price: "", stock: "0", category: "", isActive: true };
}

/**
 * Every field of a product. `onSave` gets the checked values; when it throws an ApiProblem, the server's field
 * errors land on their inputs and the rest shows above the buttons.
 */
export function ProductForm({
  product,
  categories,
  stockEditable,
  onSave,
  children,
  submitLabel,
}: {
  product?: Product;
  categories: string[];
  stockEditable: boolean;
  onSave: (values: ProductValues) => Promise<void>;
  children?: React.ReactNode;
  submitLabel: string;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const listId = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ProductValues>({ resolver: zodResolver(productSchema), defaultValues: toValues(product) });
  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSave(values);
    } catch (err) {
      setFormError(applyServerErrors(err, setError));
    }
  });
  const field = (name: keyof ProductValues) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  const message = (name: keyof ProductValues) =>
    errors[name] ? (
      <span id={`${name}-error`} className="mt-1 block text-sm text-error">
        {errors[name]?.message}
      </span>
    ) : null;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" aria-label="Datos del producto">
      <div className="grid gap-4 md:grid-cols-2">
        <div className="md:col-span-2">
          <label htmlFor="product-name" className="mb-1 block text-sm font-medium">Nombre</label>
          <input className={`input input-bordered w-full ${errors.name ? "input-error" : ""}`} {...register("name")} {...field("name")} id="product-name" />
          {message("name")}
        </div>
        <div className="md:col-span-2">
          <label htmlFor="product-description" className="mb-1 block text-sm font-medium">Descripción</label>
          <textarea rows={4} className={`textarea textarea-bordered w-full ${errors.description ? "textarea-error" : ""}`} {...register("description")} {...field("description")} id="product-description" />
          {message("description")}
        </div>
        <div>
          <label htmlFor="product-price" className="mb-1 block text-sm font-medium">Precio (COP, IVA incluido)</label>
          <div className={`input input-bordered flex w-full items-center gap-2 ${errors.price ? "input-error" : ""}`}>
            <span aria-hidden className="text-base-content/70">$</span>
            <input inputMode="decimal" className="grow" placeholder="12500" {...register("price")} {...field("price")} id="product-price" />
          </div>
          {message("price")}
        </div>
        <div>
          <label htmlFor="product-category" className="mb-1 block text-sm font-medium">Categoría</label>
          <input list={listId} className={`input input-bordered w-full ${errors.category ? "input-error" : ""}`} {...register("category")} {...field("category")} id="product-category" />
          <datalist id={listId}>
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          {message("category")}
        </div>
        {stockEditable ? (
          <div>
            <label htmlFor="product-stock" className="mb-1 block text-sm font-medium">Stock inicial</label>
            <input inputMode="numeric" className={`input input-bordered w-full ${errors.stock ? "input-error" : ""}`} {...register("stock")} {...field("stock")} id="product-stock" />
          {message("stock")}
        </div>
        ) : null}
        <label className="flex cursor-pointer items-center gap-3 self-end py-2">
          <input type="checkbox" className="toggle toggle-primary" {...register("isActive")} />
          <span className="text-sm font-medium">Visible en la tienda</span>
        </label>
      </div>
      {children}
      {formError ? (
        <p role="alert" className="alert alert-error">
          {formError}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? <span className="loading loading-spinner loading-sm" aria-hidden /> : null}
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
