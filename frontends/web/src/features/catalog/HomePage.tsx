import { Link } from "react-router";

import { Loading, ErrorState } from "../../components/States";
import { usePageTitle } from "../../components/PageTitle";
import { $api, useConfig, type Product } from "../../lib/api";
import { copyText } from "../../lib/clipboard";
import { whatsappLink } from "../../lib/contact";
import { formatDate } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { toast } from "../../lib/toast";
import { ProductCard, ProductCardSkeleton } from "./ProductCard";

export default function HomePage() {
  usePageTitle("Palitos de queso y antojos en Sabaneta");
  const favourites = $api.useQuery("get", "/api/products", { params: { query: { sort: "rating", limit: 8, inStock: true } } });
  const coupons = $api.useQuery("get", "/api/coupons/active");
  const config = useConfig();
  const contact = config.data?.contact;
  const wa = whatsappLink(contact, "¡Hola Don Palito Jr! Quiero hacer un pedido.");

  return (
    <>
      <section className="relative overflow-hidden bg-gradient-to-br from-[#fff1dc] via-[#fde6c8] to-[#f7d2a8]">
        <div className="mx-auto grid max-w-6xl items-center gap-8 px-4 py-12 md:grid-cols-2 md:py-20">
          <div>
            <p className="mb-3 inline-block rounded-full bg-base-100/70 px-3 py-1 text-sm font-medium text-secondary">
              Horneados cada mañana en Sabaneta, Antioquia
            </p>
            <h1 className="font-display text-4xl font-bold leading-tight text-neutral md:text-5xl" tabIndex={-1} data-page-heading>
              Palitos de queso recién salidos del horno
            </h1>
            <p className="mt-4 max-w-prose text-lg text-base-content/80">
              Desde la receta de la familia: queso costeño, masa hojaldrada y el toque de bocadillo que nos pide todo el
              barrio. Pide en línea y te lo llevamos a la casa o a la oficina.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              <Link to="/catalogo" className="btn btn-primary btn-lg">
                Ver el catálogo
              </Link>
              {wa && (
                <a href={wa} className="btn btn-outline btn-lg" target="_blank" rel="noopener noreferrer">
                  Pedir por WhatsApp
                </a>
              )}
            </div>
          </div>
          <div className="relative hidden md:block" aria-hidden="true">
            <HeroArt />
          </div>
        </div>
      </section>

      <div className="mx-auto max-w-6xl space-y-14 px-4 py-12">
        <section aria-labelledby="promos-title">
          <h2 id="promos-title" className="font-display text-2xl font-bold text-neutral">
            Promociones vigentes
          </h2>
          {coupons.isLoading && (
            <Loading label="Cargando promociones…">
              <div className="mt-4 grid gap-4 md:grid-cols-2">
                <div className="skeleton h-28" />
                <div className="skeleton h-28" />
              </div>
            </Loading>
          )}
          {coupons.error && <ErrorState error={coupons.error} onRetry={() => void coupons.refetch()} />}
          {coupons.data && coupons.data.items.length === 0 && (
            <p className="mt-3 text-base-content/70">Hoy no hay cupones activos. ¡Vuelve pronto!</p>
          )}
          {coupons.data && coupons.data.items.length > 0 && (
            <ul className="mt-4 grid gap-4 md:grid-cols-2">
              {coupons.data.items.map((c) => (
                <li key={c.code} className="flex items-center gap-4 rounded-box border-2 border-dashed border-primary/40 bg-base-100 p-5">
                  <div className="flex h-16 w-16 shrink-0 items-center justify-center rounded-full bg-primary/10 text-lg font-bold text-primary">
                    {c.type === "percentage" ? `${c.value}%` : "$"}
                  </div>
                  <div className="min-w-0 flex-1">
                    <p className="font-semibold">{c.description || (c.type === "percentage" ? `${c.value}% de descuento` : `${formatMoney(c.value, c.currency)} de descuento`)}</p>
                    <p className="text-sm text-base-content/70">
                      {c.minSubtotal > 0 && <>Compra mínima {formatMoney(c.minSubtotal, c.currency)}. </>}
                      {c.maxDiscount > 0 && <>Descuento máximo {formatMoney(c.maxDiscount, c.currency)}. </>}
                      {c.endsAt && <>Válido hasta el {formatDate(c.endsAt)}.</>}
                    </p>
                    <p className="mt-1 font-mono text-lg font-bold tracking-wider" data-coupon-code>
                      {c.code}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="btn btn-secondary btn-sm"
                    aria-label={`Copiar el cupón ${c.code}`}
                    onClick={async () => {
                      if (await copyText(c.code)) toast.success(`Copiamos el cupón ${c.code}. Pégalo al pagar.`);
                      else toast.error("No pudimos copiar el cupón; escríbelo al pagar.");
                    }}
                  >
                    Copiar
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="favs-title">
          <div className="flex items-end justify-between gap-4">
            <h2 id="favs-title" className="font-display text-2xl font-bold text-neutral">
              Los favoritos de la casa
            </h2>
            <Link to="/catalogo" className="link link-primary font-medium">
              Ver todo
            </Link>
          </div>
          {favourites.error && <ErrorState error={favourites.error} onRetry={() => void favourites.refetch()} />}
          <ul className="mt-4 grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-4">
            {favourites.isLoading &&
              Array.from({ length: 4 }, (_, i) => (
                <li key={i}>
                  <ProductCardSkeleton />
                </li>
              ))}
            {(favourites.data?.items as Product[] | undefined)?.map((p) => (
              <li key={p.id}>
                <ProductCard product={p} />
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="why-title" className="grid gap-6 rounded-box bg-base-200/60 p-8 md:grid-cols-3">
          <h2 id="why-title" className="sr-only">
            Por qué Don Palito Jr
          </h2>
          {[
            ["Horneado del día", "Amasamos de madrugada y horneamos en tandas pequeñas para que todo llegue crujiente."],
            ["Queso de verdad", "Usamos queso costeño y campesino de productores de Antioquia, sin rellenos artificiales."],
            ["Domicilios en el Valle de Aburrá", "Sabaneta, Envigado, Itagüí, La Estrella y el sur de Medellín."],
          ].map(([t, d]) => (
            <div key={t}>
              <h3 className="font-display text-lg font-semibold text-primary">{t}</h3>
              <p className="mt-1 text-base-content/80">{d}</p>
            </div>
          ))}
        </section>

        {contact && (
          <section aria-labelledby="visit-title" className="rounded-box bg-neutral p-8 text-neutral-content">
            <h2 id="visit-title" className="font-display text-2xl font-bold">
              Visítanos o escríbenos
            </h2>
            <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              {contact.address && (
                <div>
                  <dt className="text-sm opacity-80">Dirección</dt>
                  <dd className="font-medium">{contact.address}</dd>
                </div>
              )}
              {contact.openingHours && (
                <div>
                  <dt className="text-sm opacity-80">Horario</dt>
                  <dd className="font-medium">{contact.openingHours}</dd>
                </div>
              )}
              {contact.phone && (
                <div>
                  <dt className="text-sm opacity-80">Teléfono</dt>
                  <dd className="font-medium">
                    <a className="link" href={`tel:${contact.phone.replace(/\s/g, "")}`}>{contact.phone}</a>
                  </dd>
                </div>
              )}
              {wa && (
                <div>
                  <dt className="text-sm opacity-80">WhatsApp</dt>
                  <dd className="font-medium">
                    <a className="link" href={wa} target="_blank" rel="noopener noreferrer">
                      {contact.whatsapp}
                    </a>
                  </dd>
                </div>
              )}
            </dl>
          </section>
        )}
      </div>
    </>
  );
}

function HeroArt() {
  return (
    <svg viewBox="0 0 400 320" className="mx-auto w-full max-w-md drop-shadow-xl">
      <ellipse cx="200" cy="250" rx="170" ry="40" fill="#8a3b1f" opacity=".15" />
      <ellipse cx="200" cy="230" rx="175" ry="50" fill="#fffaf2" stroke="#e9c9a0" strokeWidth="4" />
      {[
        [-20, 120, 150],
        [-10, 150, 175],
        [10, 200, 160],
        [25, 240, 185],
        [-30, 180, 205],
        [15, 260, 215],
      ].map(([rot, x, y], i) => (
        <g key={i} transform={`translate(${x} ${y}) rotate(${rot})`}>
          <rect x="-75" y="-14" width="150" height="28" rx="14" fill="#E9B04E" />
          <rect x="-75" y="-14" width="150" height="10" rx="5" fill="#f4cd7e" />
          {[-50, -25, 0, 25, 50].map((dx) => (
            <path key={dx} d={`M${dx - 6} -12 l12 24`} stroke="#B8742A" strokeWidth="4" strokeLinecap="round" />
          ))}
        </g>
      ))}
      {[
        [300, 60],
        [338, 92],
        [95, 80],
      ].map(([x, y], i) => (
        <g key={i} transform={`translate(${x} ${y})`} opacity=".8">
          <path d="M0 -14 L3 -3 L14 0 L3 3 L0 14 L-3 3 L-14 0 L-3 -3Z" fill="#FFE07A" />
        </g>
      ))}
    </svg>
  );
}
