"use strict";
// Cloud SQL: compute by tier (HA doubles it), storage (HA doubles it), backups, PITR logs, and
// the public IPv4 address when there is one.
Object.defineProperty(exports, "__esModule", { value: true });
exports.priceSqlInstance = void 0;
exports.sqlTierShape = sqlTierShape;
const props_1 = require("../lib/props");
const prices_1 = require("./prices");
const common_1 = require("./common");
/** vCPUs and GB of memory of a dedicated-core tier, or undefined for shared-core/unknown tiers. */
function sqlTierShape(tier) {
    const custom = /^db-custom-(\d+)-(\d+)$/.exec(tier);
    if (custom)
        return { vcpu: Number(custom[1]), memoryGb: Number(custom[2]) / 1024 };
    const n1 = /^db-n1-(standard|highmem)-(\d+)$/.exec(tier);
    if (n1)
        return { vcpu: Number(n1[2]), memoryGb: Number(n1[2]) * (n1[1] === "standard" ? 3.75 : 6.5) };
    const perf = /^db-perf-optimized-N-(\d+)$/.exec(tier);
    if (perf)
        return { vcpu: Number(perf[1]), memoryGb: Number(perf[1]) * 8 };
    return undefined;
}
const priceSqlInstance = (props, context) => {
    const unknown = [];
    const settings = (0, props_1.get)(props, "settings");
    const tier = (0, props_1.str)((0, props_1.get)(settings, "tier"));
    if (tier === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("tier unknown at preview");
    if (tier === undefined)
        return (0, common_1.unpriced)("no tier set");
    const regionValue = (0, props_1.str)((0, props_1.get)(props, "region"));
    const region = typeof regionValue === "string" ? regionValue : undefined;
    const ha = (0, props_1.str)((0, props_1.get)(settings, "availabilityType")) === "REGIONAL";
    const copies = ha ? prices_1.CLOUD_SQL.haMultiplier : 1;
    const hours = context.hours * copies;
    const haText = ha ? " × 2 (REGIONAL)" : "";
    const compute = [];
    const shared = prices_1.CLOUD_SQL.sharedCore[tier];
    if (shared) {
        compute.push((0, common_1.charge)(shared, hours, `${tier} ${(0, common_1.rate)(shared.usd)}/h${haText}`, region));
    }
    else {
        const shape = sqlTierShape(tier);
        if (!shape)
            return (0, common_1.unpriced)(`tier ${tier} is not in the price table`);
        const plus = (0, props_1.str)((0, props_1.get)(settings, "edition")) === "ENTERPRISE_PLUS";
        const vcpu = plus ? prices_1.CLOUD_SQL.enterprisePlusVcpu : prices_1.CLOUD_SQL.enterpriseVcpu;
        const memory = plus ? prices_1.CLOUD_SQL.enterprisePlusMemory : prices_1.CLOUD_SQL.enterpriseMemory;
        compute.push((0, common_1.charge)(vcpu, shape.vcpu * hours, `${tier}: ${shape.vcpu} vCPU${haText}`, region));
        compute.push((0, common_1.charge)(memory, shape.memoryGb * hours, `${(0, common_1.qty)(shape.memoryGb)} GB${haText}`, region));
    }
    const diskGb = (0, common_1.numberOr)((0, props_1.get)(settings, "diskSize"), 10, unknown, "diskSize");
    const hdd = (0, props_1.str)((0, props_1.get)(settings, "diskType")) === "PD_HDD";
    const storage = (0, common_1.charge)(hdd ? prices_1.CLOUD_SQL.hdd : prices_1.CLOUD_SQL.ssd, diskGb * copies, `${diskGb} GB ${hdd ? "HDD" : "SSD"}${ha ? " × 2" : ""}`, region);
    const backups = (0, props_1.bool)((0, props_1.get)(settings, "backupConfiguration", "enabled")) === true;
    const pitr = (0, props_1.bool)((0, props_1.get)(settings, "backupConfiguration", "pointInTimeRecoveryEnabled")) === true ||
        (0, props_1.bool)((0, props_1.get)(settings, "backupConfiguration", "binaryLogEnabled")) === true;
    const backupGb = backups ? diskGb * context.options.sqlBackupStorageRatio : 0;
    const extras = [];
    if (backups)
        extras.push((0, common_1.charge)(prices_1.CLOUD_SQL.backup, backupGb, `backups ${(0, common_1.qty)(backupGb)} GB (assumed)`, region));
    if (pitr)
        extras.push((0, common_1.charge)(prices_1.CLOUD_SQL.pitrLogs, diskGb, "PITR logs in Cloud Storage (no charge)", region));
    if ((0, props_1.bool)((0, props_1.get)(settings, "ipConfiguration", "ipv4Enabled")) !== false) {
        extras.push((0, common_1.charge)(prices_1.CLOUD_SQL.publicIp, context.hours, "public IPv4", region));
    }
    return {
        note: (0, common_1.withUnknowns)("", unknown),
        charges: [...compute, storage, ...extras],
    };
};
exports.priceSqlInstance = priceSqlInstance;
