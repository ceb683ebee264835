import { problemFromResponse } from "@donpalito/api-client";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { ImageDropZone } from "./ImagePicker";
import { ProductForm } from "./ProductForm";
import { checkImages, MAX_IMAGE_BYTES } from "./upload";

async function fill(label: string | RegExp, text: string) {
  const input = screen.getByLabelText(label);
  await userEvent.clear(input);
  if (text) {
    await userEvent.click(input);
    await userEvent.paste(text);
  }
}

describe("the product form", () => {
  it("checks every field before sending, with the contract's limits", async () => {
    const onSave = vi.fn();
    render(<ProductForm categories={[]} stockEditable onSave={onSave} submitLabel="Crear producto" />);
    await fill("Nombre", "x".repeat(121));
    await fill(/Precio/, "doce mil");
    await fill("Stock inicial", "-3");
    await userEvent.click(screen.getByRole("button", { name: "Crear producto" }));
    expect(await screen.findByText("Máximo 120 caracteres")).toBeInTheDocument();
    expect(screen.getByText("Escribe una descripción")).toBeInTheDocument();
    expect(screen.getByText("Escribe el precio en pesos, por ejemplo 12500")).toBeInTheDocument();
    expect(screen.getByText("El stock es un número entero de 0 en adelante")).toBeInTheDocument();
    expect(screen.getByText("Escribe la categoría")).toBeInTheDocument();
    expect(screen.getByLabelText("Nombre")).toHaveAttribute("aria-invalid", "true");
    expect(onSave).not.toHaveBeenCalled();
  });

  it("sends the values in pesos and minor units are the page's business", async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(<ProductForm categories={["Palitos"]} stockEditable onSave={onSave} submitLabel="Crear producto" />);
    await fill("Nombre", "Palito de prueba");
    await fill("Descripción", "Queso costeño");
    await fill(/Precio/, "12.500");
    await fill("Stock inicial", "24");
    await fill("Categoría", "Palitos");
    await userEvent.click(screen.getByRole("button", { name: "Crear producto" }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(onSave.mock.calls[0]![0]).toMatchObject({ name: "Palito de prueba", price: "12.500", stock: "24", category: "Palitos", isActive: true });
  });

  it("puts the server's field errors on their inputs and the rest above the buttons", async () => {
    // The problem document as the server sends it, parsed by the real client code.
    const problem = await problemFromResponse(
      new Response(
        JSON.stringify({
          type: "about:blank",
          title: "Bad Request",
          status: 422,
          code: "validation_failed",
          detail: "Revisa los campos marcados.",
          errors: [
            { field: "body.name", code: "invalid_value", message: "Ya existe un producto con ese nombre" },
            { field: "price", code: "out_of_range", message: "El precio supera el máximo" },
          ],
        }),
        { status: 422, headers: { "Content-Type": "application/problem+json" } },
      ),
    );
    const onSave = vi.fn().mockRejectedValue(problem);
    render(
      <ProductForm
        product={{
          id: "p1",
          name: "Palito",
          description: "Queso",
          price: 250000,
          currency: "COP",
          stock: 3,
          category: "Palitos",
          images: [],
          isActive: true,
          averageRating: 0,
          reviewCount: 0,
          createdAt: "2025-06-01T00:00:00Z",
          updatedAt: "2025-06-01T00:00:00Z",
        }}
        categories={[]}
        stockEditable={false}
        onSave={onSave}
        submitLabel="Guardar cambios"
      />,
    );
    expect(screen.getByLabelText(/Precio/)).toHaveValue("2500");
    expect(screen.queryByLabelText("Stock inicial")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Guardar cambios" }));
    expect(await screen.findByText("Ya existe un producto con ese nombre")).toBeInTheDocument();
    expect(screen.getByText("El precio supera el máximo")).toBeInTheDocument();
    expect(screen.getByLabelText("Nombre")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText(/Precio/)).toHaveAttribute("aria-invalid", "true");
    // Every error found its input, so no general message.
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows a problem without field errors above the buttons", async () => {
    const problem = await problemFromResponse(
      new Response(JSON.stringify({ title: "Conflict", status: 409, code: "conflict", detail: "El producto cambió mientras lo editabas." }), {
        status: 409,
        headers: { "Content-Type": "application/problem+json" },
      }),
    );
    render(<ProductForm categories={[]} stockEditable onSave={vi.fn().mockRejectedValue(problem)} submitLabel="Crear producto" />);
    await fill("Nombre", "A");
    await fill("Descripción", "B");
    await fill(/Precio/, "100");
    await fill("Categoría", "C");
    await userEvent.click(screen.getByRole("button", { name: "Crear producto" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("El producto cambió mientras lo editabas.");
  });
});

describe("the image checks (same rules as the server)", () => {
  const file = (name: string, type: string, size: number) => new File([new Uint8Array(size)], name, { type });

  it("accepts JPEG, PNG and WebP up to 5 MB and at most three in all", () => {
    const { accepted, problems } = checkImages(
      [
        file("a.jpg", "image/jpeg", 10),
        file("b.gif", "image/gif", 10),
        file("c.png", "image/png", MAX_IMAGE_BYTES + 1),
        file("d.webp", "image/webp", MAX_IMAGE_BYTES),
        file("e.png", "image/png", 10),
      ],
      1,
    );
    expect(accepted.map((f) => f.name)).toEqual(["a.jpg", "d.webp"]);
    expect(problems).toEqual([
      "b.gif: Solo se aceptan imágenes JPEG, PNG o WebP.",
      "c.png: La imagen pesa más de 5 MB.",
      "e.png: un producto tiene como máximo 3 imágenes.",
    ]);
  });

  it("the picker hands over only the files that pass and says why the others did not", async () => {
    const onFiles = vi.fn();
    render(<ImageDropZone count={0} onFiles={onFiles} />);
    await userEvent.upload(screen.getByLabelText("Imágenes del producto"), [file("ok.png", "image/png", 100), file("big.jpg", "image/jpeg", MAX_IMAGE_BYTES + 1)], {
      applyAccept: false,
    });
    expect(onFiles).toHaveBeenCalledTimes(1);
    expect(onFiles.mock.calls[0]![0].map((f: File) => f.name)).toEqual(["ok.png"]);
    expect(screen.getByRole("alert")).toHaveTextContent("big.jpg: La imagen pesa más de 5 MB.");
  });
});
