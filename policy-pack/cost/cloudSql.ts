// Cloud SQL: compute by tier (HA doubles it), storage (HA doubles it), backups, PITR logs, and
// the public IPv4 address when there is one.

import { UNKNOWN, bool, get, str } from "../lib/props";
import { CLOUD_SQL, Price } from "./prices";
import { Charge, Pricer, charge, numberOr, qty, rate, unknownAtPreview, unpriced, withUnknowns } from "./common";

/** vCPUs and GB of memory of a dedicated-core tier, or undefined for shared-core/unknown tiers. */
export function sqlTierShape(tier: string): { vcpu: number; memoryGb: number } | undefined {
    const custom = /^db-custom-(\d+)-(\d+)$/.exec(tier);
    if (custom) return { vcpu: Number(custom[1]), memoryGb: Number(custom[2]) / 1024 };
    const n1 = /^db-n1-(standard|highmem)-(\d+)$/.exec(tier);
    if (n1) return { vcpu: Number(n1[2]), memoryGb: Number(n1[2]) * (n1[1] === "standard" ? 3.75 : 6.5) };
    const perf = /^db-perf-optimized-N-(\d+)$/.exec(tier);
    if (perf) return { vcpu: Number(perf[1]), memoryGb: Number(perf[1]) * 8 };
    return undefined;
}

export const priceSqlInstance: Pricer = (props, context) => {
    const unknown: string[] = [];
    const settings = get(props, "settings");
    const tier = str(get(settings, "tier"));
    if (tier === UNKNOWN) return unknownAtPreview("tier unknown at preview");
    if (tier === undefined) return unpriced("no tier set");
    const regionValue = str(get(props, "region"));
    const region = typeof regionValue === "string" ? regionValue : undefined;
    const ha = str(get(settings, "availabilityType")) === "REGIONAL";
    const copies = ha ? CLOUD_SQL.haMultiplier : 1;
    const hours = context.hours * copies;
    const haText = ha ? " × 2 (REGIONAL)" : "";

    const compute: Charge[] = [];
    const shared = CLOUD_SQL.sharedCore[tier];
    if (shared) {
        compute.push(charge(shared, hours, `${tier} ${rate(shared.usd)}/h${haText}`, region));
    } else {
        const shape = sqlTierShape(tier);
        if (!shape) return unpriced(`tier ${tier} is not in the price table`);
        const plus = str(get(settings, "edition")) === "ENTERPRISE_PLUS";
        const vcpu: Price = plus ? CLOUD_SQL.enterprisePlusVcpu : CLOUD_SQL.enterpriseVcpu;
        const memory: Price = plus ? CLOUD_SQL.enterprisePlusMemory : CLOUD_SQL.enterpriseMemory;
        compute.push(charge(vcpu, shape.vcpu * hours, `${tier}: ${shape.vcpu} vCPU${haText}`, region));
        compute.push(charge(memory, shape.memoryGb * hours, `${qty(shape.memoryGb)} GB${haText}`, region));
    }

    const diskGb = numberOr(get(settings, "diskSize"), 10, unknown, "diskSize");
    const hdd = str(get(settings, "diskType")) === "PD_HDD";
    const storage = charge(hdd ? CLOUD_SQL.hdd : CLOUD_SQL.ssd, diskGb * copies, `${diskGb} GB ${hdd ? "HDD" : "SSD"}${ha ? " × 2" : ""}`, region);

    const backups = bool(get(settings, "backupConfiguration", "enabled")) === true;
    const pitr =
        bool(get(settings, "backupConfiguration", "pointInTimeRecoveryEnabled")) === true ||
        bool(get(settings, "backupConfiguration", "binaryLogEnabled")) === true;
    const backupGb = backups ? diskGb * context.options.sqlBackupStorageRatio : 0;
    const extras: Charge[] = [];
    if (backups) extras.push(charge(CLOUD_SQL.backup, backupGb, `backups ${qty(backupGb)} GB (assumed)`, region));
    if (pitr) extras.push(charge(CLOUD_SQL.pitrLogs, diskGb, "PITR logs in Cloud Storage (no charge)", region));
    if (bool(get(settings, "ipConfiguration", "ipv4Enabled")) !== false) {
        extras.push(charge(CLOUD_SQL.publicIp, context.hours, "public IPv4", region));
    }
    return {
        note: withUnknowns("", unknown),
        charges: [...compute, storage, ...extras],
    };
};
