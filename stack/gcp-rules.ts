// What Google Cloud (and the tools around it) accept, as data and small pure checks, so the program
// refuses a value before any resource is declared instead of GCP refusing it halfway through `up`.

/**
 * Google Cloud regions, from cloud.google.com/about/locations (read 2026-12). A maintained list,
 * not a pattern: `moon-base1` has the shape of a region and is not one. Add a region here when
 * Google opens it (tests/validation.test.ts checks every entry).
 */
export const GCP_REGIONS = [
    "africa-south1",
    "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3",
    "asia-south1", "asia-south2", "asia-southeast1", "asia-southeast2",
    "australia-southeast1", "australia-southeast2",
    "europe-central2", "europe-north1", "europe-north2", "europe-southwest1",
    "europe-west1", "europe-west2", "europe-west3", "europe-west4", "europe-west6", "europe-west8",
    "europe-west9", "europe-west10", "europe-west12",
    "me-central1", "me-central2", "me-west1",
    "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1",
    "southamerica-east1", "southamerica-west1",
    "us-central1", "us-east1", "us-east4", "us-east5", "us-south1",
    "us-west1", "us-west2", "us-west3", "us-west4",
] as const;

/** An IPv4 CIDR parsed, or the reason it is not one GCP takes for a subnet. */
export function checkSubnetCidr(cidr: string): { readonly ok: true; readonly prefix: number } | { readonly ok: false; readonly reason: string } {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    if (!m) return { ok: false, reason: "is not an IPv4 CIDR such as 10.10.0.0/22" };
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255)) return { ok: false, reason: "has an octet above 255" };
    // GCP subnets take /8 to /29 (a /29 has 4 usable addresses after GCP's reserved four).
    if (prefix < 8 || prefix > 29) return { ok: false, reason: `has prefix /${prefix}; a GCP subnet takes /8 to /29` };
    const address = octets.reduce((a, o) => a * 256 + o, 0);
    const size = 2 ** (32 - prefix);
    if (address % size !== 0) {
        const network = address - (address % size);
        const base = [24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256).join(".");
        return { ok: false, reason: `has host bits set; GCP takes the network address ${base}/${prefix}` };
    }
    return { ok: true, prefix };
}

/**
 * The SQL identifier a catalog key becomes (`web-app` and `web_app` both become `web_app`), as
 * stack/naming.ts derives it; two keys with one identifier would be one database in PostgreSQL.
 */
export function collisions(names: ReadonlyArray<readonly [key: string, physical: string]>): Array<{ readonly physical: string; readonly keys: readonly string[] }> {
    const by = new Map<string, string[]>();
    for (const [key, physical] of names) by.set(physical, [...(by.get(physical) ?? []), key]);
    return [...by].filter(([, keys]) => keys.length > 1).map(([physical, keys]) => ({ physical, keys }));
}

/** Docker image references that are not releases: they move, so production never deploys them. */
export const MOVING_TAGS = /^(latest|.*-latest|main|master|staging|production|stable|edge)$/;

/** An image digest as Artifact Registry reports it. */
export const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;
