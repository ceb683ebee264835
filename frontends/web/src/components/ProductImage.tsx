import type { ProductImage as Img } from "../lib/api";

/** The `srcset` of an image's resized variants of one format (empty when the server gave none). */
export function srcSetOf(image: Img, format: string): string {
  return (image.variants ?? [])
    .filter((v) => v.format === format)
    .sort((a, b) => a.width - b.width)
    .map((v) => `${v.url} ${v.width}w`)
    .join(", ");
}

/** The smallest variant at least `min` px wide (or the largest there is), for `src`. */
export function pickVariant(image: Img, min: number): string {
  const jpeg = (image.variants ?? []).filter((v) => v.format !== "webp").sort((a, b) => a.width - b.width);
  const all = jpeg.length ? jpeg : [...(image.variants ?? [])].sort((a, b) => a.width - b.width);
  return (all.find((v) => v.width >= min) ?? all[all.length - 1])?.url ?? image.url;
}

interface Props {
  image: Img | undefined;
  alt: string;
  /** The `sizes` attribute: how wide the image is drawn. */
  sizes: string;
  className?: string;
  /** The above-the-fold image of a page loads eagerly with high priority. */
  priority?: boolean;
  minWidth?: number;
}

/** A product photo: WebP and JPEG variants through `srcset`, width and height to reserve space, lazy by default. */
export function ProductImage({ image, alt, sizes, className, priority, minWidth = 640 }: Props) {
  const width = image?.width ?? 800;
  const height = image?.height ?? 600;
  if (!image) {
    return (
      <div
        className={`flex aspect-[4/3] items-center justify-center bg-base-200 text-base-content/60 ${className ?? ""}`}
        role="img"
        aria-label={alt}
      >
        <svg viewBox="0 0 24 24" className="h-10 w-10" aria-hidden="true">
          <path fill="currentColor" d="M4 5h16v14H4zM6 15l3-4 3 3 2-2 4 3z" />
        </svg>
      </div>
    );
  }
  const webp = srcSetOf(image, "webp");
  const jpeg = srcSetOf(image, "jpeg");
  return (
    <picture>
      {webp && <source type="image/webp" srcSet={webp} sizes={sizes} />}
      {jpeg && <source type="image/jpeg" srcSet={jpeg} sizes={sizes} />}
      <img
        src={pickVariant(image, minWidth)}
        alt={alt}
        width={width}
        height={height}
        loading={priority ? "eager" : "lazy"}
        decoding="async"
        {...(priority ? { fetchPriority: "high" as const } : {})}
        className={`aspect-[4/3] w-full object-cover ${className ?? ""}`}
      />
    </picture>
  );
}
