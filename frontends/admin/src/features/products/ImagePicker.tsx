import { useId, useRef, useState } from "react";

import { checkImages, IMAGE_TYPES, MAX_IMAGES } from "./upload";

export interface PendingImage {
  key: string;
  file: File;
  preview: string;
  /** 0..1 while uploading, null before. */
  progress: number | null;
  error?: string;
}

/** Drop zone + file picker. Reports the files that pass the client checks; shows why the others were refused. */
export function ImageDropZone({ count, onFiles, disabled }: { count: number; onFiles: (files: File[]) => void; disabled?: boolean }) {
  const [over, setOver] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const full = count >= MAX_IMAGES;
  const take = (list: FileList | null) => {
    const { accepted, problems } = checkImages(Array.from(list ?? []), count);
    setProblems(problems);
    if (accepted.length > 0) onFiles(accepted);
  };
  return (
    <div>
      <div
        className={`flex flex-col items-center justify-center gap-2 rounded-box border-2 border-dashed p-6 text-center text-sm transition-colors ${
          over ? "border-primary bg-primary/5" : "border-base-300"
        } ${full || disabled ? "opacity-60" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          if (!full && !disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!full && !disabled) take(e.dataTransfer.files);
        }}
        data-testid="image-drop-zone"
      >
        <p className="font-medium">{full ? `Ya tiene ${MAX_IMAGES} imágenes` : "Arrastra las imágenes aquí"}</p>
        <p id={hintId} className="text-base-content/70">
          JPEG, PNG o WebP · hasta 5 MB cada una · máximo {MAX_IMAGES}
        </p>
        <button type="button" className="btn btn-sm btn-outline" disabled={full || disabled} onClick={() => input.current?.click()}>
          Elegir imágenes
        </button>
        <input
          ref={input}
          type="file"
          className="sr-only"
          accept={IMAGE_TYPES.join(",")}
          multiple
          aria-label="Imágenes del producto"
          aria-describedby={hintId}
          tabIndex={-1}
          onChange={(e) => {
            take(e.target.files);
            e.target.value = "";
          }}
        />
      </div>
      {problems.length > 0 ? (
        <ul role="alert" className="mt-2 list-inside list-disc text-sm text-error">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function PendingTile({ image, onRemove }: { image: PendingImage; onRemove?: () => void }) {
  const pct = image.progress === null ? null : Math.round(image.progress * 100);
  return (
    <li className="relative overflow-hidden rounded-box ring-1 ring-base-300">
      <img src={image.preview} alt={`Vista previa de ${image.file.name}`} className="aspect-square w-full object-cover" />
      <div className="flex items-center gap-2 p-2 text-xs">
        <span className="min-w-0 flex-1 truncate" title={image.file.name}>
          {image.file.name}
        </span>
        {onRemove && image.progress === null ? (
          <button type="button" className="btn btn-ghost btn-xs" onClick={onRemove} aria-label={`Quitar ${image.file.name}`}>
            Quitar
          </button>
        ) : null}
      </div>
      {pct !== null ? (
        <progress className="progress progress-primary absolute inset-x-0 bottom-0 h-1.5" value={pct} max={100} aria-label={`Subiendo ${image.file.name}`} />
      ) : null}
      {image.error ? <p className="px-2 pb-2 text-xs text-error">{image.error}</p> : null}
    </li>
  );
}
