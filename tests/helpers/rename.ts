// Renames one catalog entry the way an engineer would: the key and every reference to it (calls,
// publishers, secret reads, database owners), optionally recording `formerly`. Used by the unit
// tests and by the engine rename check (scripts/engine/rename-check.sh).

import { AnyCatalog } from "../../catalog/types";

type Kind = "services" | "databases" | "secrets";
type Loose = Record<string, Record<string, unknown>>;

/** A deep copy of the catalog with `from` renamed to `to` in `kind`. */
export function renamed(source: AnyCatalog, kind: Kind, from: string, to: string, recordFormerly = true): AnyCatalog {
    const copy = JSON.parse(JSON.stringify(source)) as AnyCatalog & Record<Kind, Loose>;
    const entries = copy[kind] as Loose;
    if (!(from in entries)) throw new Error(`no ${kind}.${from} to rename`);
    // Keep the order of keys: a rename is not a reorder.
    const next: Loose = {};
    for (const [key, spec] of Object.entries(entries)) {
        if (key !== from) { next[key] = spec; continue; }
        const former = (spec["formerly"] as string[] | undefined) ?? [];
        next[to] = recordFormerly ? { ...spec, formerly: [...former, from] } : spec;
    }
    (copy as unknown as Record<Kind, Loose>)[kind] = next;
    for (const svc of Object.values(copy.services as unknown as Loose)) {
        if (kind === "services") {
            if (Array.isArray(svc["calls"])) svc["calls"] = (svc["calls"] as string[]).map((c) => (c === from ? to : c));
            const trigger = svc["trigger"] as { publishers: string[] } | undefined;
            if (trigger) trigger.publishers = trigger.publishers.map((p) => (p === from ? to : p));
        }
        if (kind === "databases" && svc["database"] === from) svc["database"] = to;
        if (kind === "secrets" && svc["secrets"] && from in (svc["secrets"] as object)) {
            const reads = svc["secrets"] as Record<string, unknown>;
            svc["secrets"] = Object.fromEntries(Object.entries(reads).map(([k, v]) => [k === from ? to : k, v]));
        }
    }
    return copy;
}
