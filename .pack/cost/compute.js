"use strict";
// Compute Engine and GKE: VMs by machine type, their disks and external IPs, persistent disks,
// GKE's cluster fee and the nodes of its pools.
Object.defineProperty(exports, "__esModule", { value: true });
exports.priceGkeNodePool = exports.priceGkeCluster = exports.priceDisk = exports.priceInstance = void 0;
const props_1 = require("../lib/props");
const names_1 = require("../lib/names");
const prices_1 = require("./prices");
const common_1 = require("./common");
/** "us-central1-a" → "us-central1"; a region stays a region. */
const regionOfZone = (zone) => (/-[a-z]$/.test(zone) ? zone.slice(0, -2) : zone);
function diskPrice(type) {
    const bare = (0, names_1.lastSegment)(type);
    return bare === "pd-standard" ? prices_1.COMPUTE.pdStandard : bare === "pd-ssd" ? prices_1.COMPUTE.pdSsd : bare === "pd-balanced" ? prices_1.COMPUTE.pdBalanced : undefined;
}
/** A machine type's hourly price, or why there is none. */
function machine(type) {
    const value = (0, props_1.str)(type);
    if (value === props_1.UNKNOWN)
        return props_1.UNKNOWN;
    if (value === undefined)
        return "no machine type set";
    return prices_1.COMPUTE.machineHour[(0, names_1.lastSegment)(value)] ?? `machine type ${(0, names_1.lastSegment)(value)} is not in the price table`;
}
const priceInstance = (props, context) => {
    const hourly = machine((0, props_1.get)(props, "machineType"));
    if (hourly === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("machine type unknown at preview");
    if (typeof hourly === "string")
        return (0, common_1.unpriced)(hourly);
    const zone = (0, props_1.str)((0, props_1.get)(props, "zone"));
    const region = typeof zone === "string" ? regionOfZone(zone) : undefined;
    const type = (0, props_1.str)((0, props_1.get)(props, "bootDisk", "initializeParams", "type"));
    const disk = diskPrice(typeof type === "string" ? type : "pd-standard");
    if (!disk)
        return (0, common_1.unpriced)(`boot disk type ${String(type)} is not in the price table`);
    const size = (0, props_1.num)((0, props_1.get)(props, "bootDisk", "initializeParams", "size"));
    const diskGb = typeof size === "number" ? size : 10;
    const externalIps = (0, props_1.items)((0, props_1.get)(props, "networkInterfaces")).reduce((sum, nic) => sum + (0, props_1.items)((0, props_1.get)(nic, "accessConfigs")).length, 0);
    const spot = (0, props_1.bool)((0, props_1.get)(props, "scheduling", "preemptible")) === true || (0, props_1.str)((0, props_1.get)(props, "scheduling", "provisioningModel")) === "SPOT";
    const charges = [
        (0, common_1.charge)(hourly, context.hours, `${(0, names_1.lastSegment)(String((0, props_1.str)((0, props_1.get)(props, "machineType"))))} always on${spot ? " (spot priced as on-demand)" : ""}`, region),
        (0, common_1.charge)(disk, diskGb, `${diskGb} GB ${(0, names_1.lastSegment)(typeof type === "string" ? type : "pd-standard")} boot disk${typeof size === "number" ? "" : " (assumed)"}`, region),
    ];
    if (externalIps > 0)
        charges.push((0, common_1.charge)(prices_1.COMPUTE.ipInUse, externalIps * context.hours, `${externalIps} external IPv4`, region));
    return { charges };
};
exports.priceInstance = priceInstance;
const priceDisk = (props) => {
    const type = (0, props_1.str)((0, props_1.get)(props, "type"));
    if (type === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("disk type unknown at preview");
    const price = diskPrice(type ?? "pd-standard");
    if (!price)
        return (0, common_1.unpriced)(`disk type ${type} is not in the price table`);
    const size = (0, props_1.num)((0, props_1.get)(props, "size"));
    if (size === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("disk size unknown at preview");
    // Without a size the API uses the image's size (10 GB assumed) or, for a blank disk, 500 GB.
    const fromImage = (0, props_1.get)(props, "image") !== undefined || (0, props_1.get)(props, "snapshot") !== undefined;
    const gb = size ?? (fromImage ? 10 : 500);
    const zone = (0, props_1.str)((0, props_1.get)(props, "zone"));
    return { charges: [(0, common_1.charge)(price, gb, `${gb} GB ${type ?? "pd-standard"}${size === undefined ? " (default size)" : ""}`, typeof zone === "string" ? regionOfZone(zone) : undefined)] };
};
exports.priceDisk = priceDisk;
/** Zones a GKE pool's nodes are repeated in: its node locations, or 3 for a regional cluster. */
function zonesOf(location, nodeLocations) {
    const explicit = (0, props_1.list)(nodeLocations);
    if (Array.isArray(explicit) && explicit.length > 0)
        return explicit.length;
    return location !== undefined && !/-[a-z]$/.test(location) ? 3 : 1;
}
function nodeCharges(nodeConfig, nodes, hours, region, what) {
    const machineType = (0, props_1.get)(nodeConfig, "machineType") ?? "e2-medium";
    const hourly = machine(machineType);
    if (hourly === props_1.UNKNOWN || typeof hourly === "string")
        return hourly;
    const diskType = (0, props_1.str)((0, props_1.get)(nodeConfig, "diskType"));
    const disk = diskPrice(typeof diskType === "string" ? diskType : "pd-balanced");
    if (!disk)
        return `node disk type ${String(diskType)} is not in the price table`;
    const size = (0, props_1.num)((0, props_1.get)(nodeConfig, "diskSizeGb"));
    const diskGb = typeof size === "number" ? size : 100;
    return [
        (0, common_1.charge)(hourly, nodes * hours, `${what}: ${nodes} node(s) × ${(0, names_1.lastSegment)(String((0, props_1.str)(machineType)))}`, region),
        (0, common_1.charge)(disk, nodes * diskGb, `${nodes} × ${diskGb} GB node disks`, region),
    ];
}
function nodeCount(pool, fallback) {
    for (const path of [["nodeCount"], ["autoscaling", "totalMinNodeCount"], ["autoscaling", "minNodeCount"], ["initialNodeCount"]]) {
        const value = (0, props_1.num)((0, props_1.get)(pool, ...path));
        if (value === props_1.UNKNOWN)
            return props_1.UNKNOWN;
        if (typeof value === "number")
            return value;
    }
    return fallback;
}
function poolPriced(pool, location, hours, what, fallbackNodes) {
    const perZone = nodeCount(pool, fallbackNodes);
    if (perZone === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("node count unknown at preview");
    const zones = zonesOf(location, (0, props_1.get)(pool, "nodeLocations"));
    const charged = nodeCharges((0, props_1.get)(pool, "nodeConfig"), perZone * zones, hours, location === undefined ? undefined : regionOfZone(location), what);
    if (charged === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("node machine type unknown at preview");
    if (typeof charged === "string")
        return (0, common_1.unpriced)(charged);
    return charged;
}
const priceGkeCluster = (props, context) => {
    const locationValue = (0, props_1.str)((0, props_1.get)(props, "location"));
    const location = typeof locationValue === "string" ? locationValue : undefined;
    const charges = [(0, common_1.charge)(prices_1.COMPUTE.gkeCluster, context.hours, "cluster management fee")];
    if ((0, props_1.bool)((0, props_1.get)(props, "enableAutopilot")) === true) {
        return { note: "Autopilot: pods are billed per use and not estimated", charges };
    }
    const pools = [];
    if ((0, props_1.bool)((0, props_1.get)(props, "removeDefaultNodePool")) !== true) {
        // The default pool: initialNodeCount (GKE's default 3) per zone, with the cluster's nodeConfig.
        pools.push([{ initialNodeCount: (0, props_1.get)(props, "initialNodeCount") ?? 3, nodeConfig: (0, props_1.get)(props, "nodeConfig") ?? null, nodeLocations: (0, props_1.get)(props, "nodeLocations") ?? null }, "default pool", 3]);
    }
    for (const pool of (0, props_1.items)((0, props_1.get)(props, "nodePools")))
        pools.push([pool, `pool ${String((0, props_1.str)((0, props_1.get)(pool, "name")) ?? "")}`, 1]);
    for (const [pool, what, fallback] of pools) {
        const priced = poolPriced(pool, location, context.hours, what, fallback);
        if (!Array.isArray(priced))
            return { ...priced, charges: [] };
        charges.push(...priced);
    }
    return { charges };
};
exports.priceGkeCluster = priceGkeCluster;
const priceGkeNodePool = (props, context) => {
    const locationValue = (0, props_1.str)((0, props_1.get)(props, "location"));
    const priced = poolPriced(props, typeof locationValue === "string" ? locationValue : undefined, context.hours, "node pool", 1);
    return Array.isArray(priced) ? { charges: priced } : priced;
};
exports.priceGkeNodePool = priceGkeNodePool;
