// Cloud SQL: compute by tier (HA doubles it), storage (HA doubles it), backups and PITR logs,
// and the public IPv4 address when there is one.

import { bool, get, str } from "../lib/props";
import { CLOUD_SQL } from "./prices";
import { Pricer, numberOr, rate, usd, withUnknowns } from "./common";

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
    const ha = str(get(settings, "availabilityType")) === "REGIONAL";
    const multiplier = ha ? CLOUD_SQL.haMultiplier : 1;
    const diskGb = numberOr(get(settings, "diskSize"), 10, unknown, "diskSize");
    const hdd = str(get(settings, "diskType")) === "PD_HDD";
    const plus = str(get(settings, "edition")) === "ENTERPRISE_PLUS";
    const backups = bool(get(settings, "backupConfiguration", "enabled")) === true;
    const pitr =
        bool(get(settings, "backupConfiguration", "pointInTimeRecoveryEnabled")) === true ||
        bool(get(settings, "backupConfiguration", "binaryLogEnabled")) === true;
    const publicIp = bool(get(settings, "ipConfiguration", "ipv4Enabled")) !== false;

    let hourly: number | undefined;
    let tierText: string;
    if (typeof tier !== "string") {
        tierText = "tier unknown";
    } else if (tier in CLOUD_SQL.sharedCoreHour) {
        hourly = CLOUD_SQL.sharedCoreHour[tier];
        tierText = `${tier} ${rate(hourly)}/h`;
    } else {
        const shape = sqlTierShape(tier);
        const rates = plus ? CLOUD_SQL.enterprisePlus : CLOUD_SQL.enterprise;
        hourly = shape ? shape.vcpu * rates.vcpuHour + shape.memoryGb * rates.gbHour : undefined;
        tierText = shape ? `${tier} (${shape.vcpu} vCPU, ${+shape.memoryGb.toFixed(2)} GB) ${rate(hourly ?? 0)}/h` : `${tier} not modelled`;
    }
    const compute = (hourly ?? 0) * multiplier * context.hours;
    const storage = diskGb * (hdd ? CLOUD_SQL.hddGbMonth : CLOUD_SQL.ssdGbMonth) * multiplier;
    const backupGb = backups
        ? diskGb * context.options.sqlBackupStorageRatio + (pitr ? diskGb * context.options.sqlPitrLogRatio : 0)
        : 0;
    const backup = backupGb * CLOUD_SQL.backupGbMonth;
    const ip = publicIp ? CLOUD_SQL.publicIpv4Hour * context.hours : 0;
    const parts = [
        `${tierText}${ha ? " × 2 (REGIONAL)" : ""} = ${usd(compute)}`,
        `${diskGb} GB ${hdd ? "HDD" : "SSD"}${ha ? " × 2" : ""} = ${usd(storage)}`,
        `backups ${+backupGb.toFixed(2)} GB${pitr ? " incl. PITR logs" : ""} = ${usd(backup)}`,
        ...(publicIp ? [`public IPv4 = ${usd(ip)}`] : []),
    ];
    return {
        monthlyUsd: compute + storage + backup + ip,
        detail: withUnknowns(parts.join("; "), unknown),
        modelled: hourly !== undefined,
    };
};
