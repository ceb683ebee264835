import { useConfig } from "../../lib/api";
import { whatsappLink } from "../../lib/contact";
import { ProsePage } from "./Prose";

export default function ContactPage() {
  const { data } = useConfig();
  const c = data?.contact;
  const wa = whatsappLink(c, "¡Hola Don Palito Jr! Tengo una pregunta.");
  return (
    <ProsePage title="Contacto" lead="Escríbenos por WhatsApp, llámanos o visítanos en la tienda. Respondemos en horario de atención.">
      <dl className="grid gap-6 sm:grid-cols-2">
        <div>
          <dt>WhatsApp</dt>
          <dd>{wa ? <a href={wa} target="_blank" rel="noopener noreferrer">{c?.whatsapp}</a> : "Pronto"}</dd>
        </div>
        <div>
          <dt>Teléfono</dt>
          <dd>{c?.phone ? <a href={`tel:${c.phone.replace(/\s/g, "")}`}>{c.phone}</a> : "—"}</dd>
        </div>
        <div>
          <dt>Correo</dt>
          <dd>{c?.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : "—"}</dd>
        </div>
        <div>
          <dt>Dirección</dt>
          <dd>{c?.address ?? "Sabaneta, Antioquia"}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt>Horario de atención</dt>
          <dd>{c?.openingHours ?? "Lunes a sábado de 7:00 a. m. a 7:00 p. m."}</dd>
        </div>
      </dl>
      <section>
        <h2>Pedidos grandes y eventos</h2>
        <p>
          Para refrigerios de empresa, cumpleaños y novenas cuéntanos la fecha, la cantidad de personas y el lugar de
          entrega. Te enviamos una cotización el mismo día.
        </p>
      </section>
    </ProsePage>
  );
}
