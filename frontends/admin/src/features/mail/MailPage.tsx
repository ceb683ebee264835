import { useState } from "react";

import { PageHeader } from "../../components/PageHeader";
import { Pagination } from "../../components/Pagination";
import { Empty, ErrorState, Loading } from "../../components/states";
import { $api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { MailMessage } from "./MailMessage";

const PAGE_SIZE = 20;

/** The dev mailbox: emails the server would have sent, each one opened in MailMessage. */
export default function MailPage() {
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = $api.useQuery("get", "/api/dev/mailbox", { params: { query: { page, limit: PAGE_SIZE } } }, { refetchInterval: 10_000 });
  const open = list.data?.items.find((m) => m.id === openId) ?? list.data?.items[0];
  return (
    <>
      <PageHeader title="Correo" subtitle="Modo desarrollo: los correos se guardan aquí en vez de enviarse." />
      {list.isPending ? (
        <Loading rows={6} />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty title="El buzón está vacío" />
      ) : (
        <div className="grid items-start gap-4 lg:grid-cols-[22rem_minmax(0,1fr)]">
          <section className="card overflow-hidden bg-base-100 ring-1 ring-base-300" aria-label="Correos">
            <ul className="divide-y divide-base-300">
              {list.data.items.map((m) => (
                <li key={m.id}>
                  <button
                    type="button"
                    className={`w-full px-4 py-3 text-left text-sm hover:bg-base-200 ${open?.id === m.id ? "bg-primary/5" : ""}`}
                    aria-current={open?.id === m.id ? "true" : undefined}
                    onClick={() => setOpenId(m.id)}
                  >
                    <span className="block truncate font-medium">{m.subject}</span>
                    <span className="block truncate text-xs text-base-content/70">
                      Para {m.to.join(", ")} · {formatDateTime(m.createdAt)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <Pagination page={page} limit={PAGE_SIZE} total={list.data.total} onPage={setPage} />
          </section>
          {open ? <MailMessage message={open} /> : null}
        </div>
      )}
    </>
  );
}
