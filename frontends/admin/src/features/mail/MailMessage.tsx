import type { Schema } from "@donpalito/api-client";

type MailMessageData = Schema<"MailMessage">;

/**
 * One email of the dev mailbox. Its HTML is content we did not write for this page (templates fed with customer
 * data), so it renders in a frame sandboxed with no permissions at all: no scripts, no forms, no same origin
 * (it cannot read the admin's session), no top navigation.
 */
export function MailMessage({ message }: { message: MailMessageData }) {
  return (
    <section className="card bg-base-100 ring-1 ring-base-300" aria-labelledby="mail-subject">
      <div className="border-b border-base-300 px-5 py-3 text-sm">
        <h2 id="mail-subject" className="text-base font-semibold">
          {message.subject}
        </h2>
        <p className="text-base-content/70">De {message.from}</p>
        <p className="text-base-content/70">Para {message.to.join(", ")}</p>
        {message.attachments.length > 0 ? (
          <p className="text-base-content/70">Adjuntos: {message.attachments.map((a) => a.filename).join(", ")}</p>
        ) : null}
      </div>
      <iframe title={`Contenido del correo: ${message.subject}`} sandbox="" srcDoc={message.html} className="h-[32rem] w-full rounded-b-box bg-white" />
    </section>
  );
}
