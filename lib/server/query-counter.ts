import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Benchmarks only (VIRTSHIELD_COUNT_QUERIES=1, see bench/figures/dashboard.ts): counts the SQL statements
// each HTTP request makes. The count so far goes out as X-Db-Queries when the headers are sent; a
// page may stream on after that, so the full count is also printed when the response finishes.
export const QUERY_COUNT_HEADER = "X-Db-Queries";
export const QUERY_COUNT_LINE = "virtshield-db-queries";

type Counter = { count: number };
type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;

const state = globalThis as unknown as { virtshieldQueryCounter?: AsyncLocalStorage<Counter> };

function installRequestScope(): AsyncLocalStorage<Counter> {
  if (state.virtshieldQueryCounter) return state.virtshieldQueryCounter;
  const scope = new AsyncLocalStorage<Counter>();
  state.virtshieldQueryCounter = scope;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== "request") return emit.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    const counter: Counter = { count: 0 };
    const writeHead = res.writeHead;
    res.writeHead = function (this: http.ServerResponse, ...rest: unknown[]) {
      if (!this.headersSent) this.setHeader(QUERY_COUNT_HEADER, String(counter.count));
      return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, rest);
    } as typeof res.writeHead;
    res.on("finish", () => process.stdout.write(`${QUERY_COUNT_LINE} ${counter.count} ${req.method} ${req.url}\n`));
    return scope.run(counter, () => emit.call(this, event, ...args));
  } as typeof http.Server.prototype.emit;
  return scope;
}

// Wraps the adapter so each statement Prisma sends counts against the request it runs for.
function counted<T extends Adapter | Tx>(target: T, scope: AsyncLocalStorage<Counter>): T {
  return new Proxy(target, {
    get(t, prop) {
      const value: unknown = Reflect.get(t, prop, t);
      if (typeof value !== "function") return value;
      if (prop === "queryRaw" || prop === "executeRaw") {
        return (...a: unknown[]) => {
          const c = scope.getStore();
          if (c) c.count++;
          return (value as (...a: unknown[]) => unknown).apply(t, a);
        };
      }
      if (prop === "startTransaction") {
        return async (...a: unknown[]) => counted(await (value as (...a: unknown[]) => Promise<Tx>).apply(t, a), scope);
      }
      return (value as (...a: unknown[]) => unknown).bind(t);
    },
  });
}

export function countQueriesPerRequest(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const scope = installRequestScope();
  return new Proxy(factory, {
    get(t, prop) {
      if (prop === "connect") return async () => counted(await t.connect(), scope);
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}
