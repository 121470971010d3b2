// Renames that keep data. A catalog entry can say what its key was called before (`formerly`); the
// cloud resources keep the names they were created with, and every logical name that carried the
// old key gets an alias, so the engine moves state instead of replacing. A key that was deployed
// (catalog/deployed.ts) and is gone without a `formerly` is refused, with the line to add.

import * as pulumi from "@pulumi/pulumi";
import { AnyCatalog } from "../catalog/types";
import { Deployed } from "../catalog/deployed";
import { IssueList, show } from "./issues";

export const RENAMABLE_KINDS = ["services", "databases", "secrets"] as const;
export type RenamableKind = (typeof RENAMABLE_KINDS)[number];

/** New key -> the key it had before, per kind (one step per rename; chains are followed). */
export type Renames = { readonly [K in RenamableKind]: ReadonlyMap<string, string> };

/** What each catalog entry of a kind was called before. */
function formerNames(catalog: AnyCatalog, kind: RenamableKind): Array<[key: string, formerly: readonly string[]]> {
    const entries = Object.entries(catalog[kind] as Record<string, { readonly formerly?: readonly string[] }>);
    return entries.map(([key, spec]) => [key, spec.formerly ?? []]);
}

/**
 * The original key of every renamed entry (the oldest `formerly`), which names its cloud resources
 * for good; and every problem with the renames or with what was deployed.
 */
export function planRenames(catalog: AnyCatalog, deployed: Deployed, issues: IssueList): Renames {
    const out: Record<RenamableKind, Map<string, string>> = { services: new Map(), databases: new Map(), secrets: new Map() };
    // The record is of the catalog it records: a catalog with none of its services (the scale
    // benchmark's synthetic ones) is another platform, with nothing deployed yet.
    const sameCatalog = deployed.services.some((k) => k in catalog.services || formerNames(catalog, "services").some(([, f]) => f.includes(k)));
    for (const kind of RENAMABLE_KINDS) {
        const keys = Object.keys(catalog[kind]);
        const claimedBy = new Map<string, string>();
        for (const [key, formerly] of formerNames(catalog, kind)) {
            let valid = true;
            for (const old of formerly) {
                if (keys.includes(old)) issues.add(`${kind}.${key}.formerly`, `${show(old)} is still a key of ${kind}; an entry cannot have been renamed from a key that exists.`);
                else if (claimedBy.has(old)) issues.add(`${kind}.${key}.formerly`, `${show(old)} is also claimed by ${kind}.${claimedBy.get(old)}; one deployed entry can become only one new entry.`);
                else { claimedBy.set(old, key); continue; }
                valid = false;
            }
            if (formerly.length > 0 && valid) out[kind].set(key, formerly[0]);
        }
        const fresh = keys.filter((k) => !deployed[kind].includes(k) && !out[kind].has(k));
        for (const gone of sameCatalog ? deployed[kind] : []) {
            if (keys.includes(gone) || claimedBy.has(gone)) continue;
            const target = fresh.length === 1 ? fresh[0] : "<new key>";
            issues.add(`${kind}.${gone}`, `is deployed (catalog/deployed.ts) but no catalog entry has this key or says it was renamed from it, so its cloud resources would be deleted${kind === "databases" ? " and the service pointed at a new, empty database" : ""}. If you renamed it, add to the new entry: ${kind}: { ${target}: { ..., formerly: [${show(gone)}] } }. If you mean to delete it, remove ${show(gone)} from deployed.${kind} in catalog/deployed.ts.`);
        }
    }
    return out;
}

/** The key whose name the cloud resources of `key` keep (its original key, or itself). */
export function originalKey(renames: Renames, kind: RenamableKind, key: string): string {
    return renames[kind].get(key) ?? key;
}

/**
 * Old logical names for a resource: each renamed key that appears as a whole hyphen-separated part
 * of `name` replaced by the key it had before. `service-nutrition-account` with nutrition formerly
 * meals gives `service-meals-account`.
 */
export function formerLogicalNames(renames: Renames, name: string): string[] {
    const out = new Set<string>();
    for (const kind of RENAMABLE_KINDS) {
        for (const [key, old] of renames[kind]) {
            const pattern = new RegExp(`(^|-)${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=-|$)`, "g");
            const renamed = name.replace(pattern, (_m, lead: string) => `${lead}${old}`);
            if (renamed !== name) out.add(renamed);
        }
    }
    return [...out];
}

/**
 * A transformation that gives every resource whose logical name carries a renamed key an alias with
 * the old name, so renamed entries keep their state (and their cloud resources). URNs hold the
 * parents' types, not their names, so a name alias is the whole old URN. Undefined when nothing
 * was renamed.
 */
export function renameAliases(renames: Renames): pulumi.ResourceTransformation | undefined {
    if (RENAMABLE_KINDS.every((k) => renames[k].size === 0)) return undefined;
    return (args) => {
        const former = formerLogicalNames(renames, args.name);
        if (former.length === 0) return undefined;
        return { props: args.props, opts: pulumi.mergeOptions(args.opts, { aliases: former.map((name) => ({ name })) }) };
    };
}
