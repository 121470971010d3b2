// Compute Engine and GKE: VMs by machine type, their disks and external IPs, persistent disks,
// GKE's cluster fee and the nodes of its pools.

import { Plain, PlainObject, UNKNOWN, bool, get, items, list, num, str } from "../lib/props";
import { lastSegment } from "../lib/names";
import { COMPUTE, Price } from "./prices";
import { Charge, Pricer, Priced, charge, unknownAtPreview, unpriced } from "./common";

/** "us-central1-a" → "us-central1"; a region stays a region. */
const regionOfZone = (zone: string): string => (/-[a-z]$/.test(zone) ? zone.slice(0, -2) : zone);

function diskPrice(type: string): Price | undefined {
    const bare = lastSegment(type);
    return bare === "pd-standard" ? COMPUTE.pdStandard : bare === "pd-ssd" ? COMPUTE.pdSsd : bare === "pd-balanced" ? COMPUTE.pdBalanced : undefined;
}

/** A machine type's hourly price, or why there is none. */
function machine(type: Plain | undefined): Price | string | typeof UNKNOWN {
    const value = str(type);
    if (value === UNKNOWN) return UNKNOWN;
    if (value === undefined) return "no machine type set";
    return COMPUTE.machineHour[lastSegment(value)] ?? `machine type ${lastSegment(value)} is not in the price table`;
}

export const priceInstance: Pricer = (props, context): Priced => {
    const hourly = machine(get(props, "machineType"));
    if (hourly === UNKNOWN) return unknownAtPreview("machine type unknown at preview");
    if (typeof hourly === "string") return unpriced(hourly);
    const zone = str(get(props, "zone"));
    const region = typeof zone === "string" ? regionOfZone(zone) : undefined;
    const type = str(get(props, "bootDisk", "initializeParams", "type"));
    const disk = diskPrice(typeof type === "string" ? type : "pd-standard");
    if (!disk) return unpriced(`boot disk type ${String(type)} is not in the price table`);
    const size = num(get(props, "bootDisk", "initializeParams", "size"));
    const diskGb = typeof size === "number" ? size : 10;
    const externalIps = items(get(props, "networkInterfaces")).reduce<number>((sum, nic) => sum + items(get(nic, "accessConfigs")).length, 0);
    const spot = bool(get(props, "scheduling", "preemptible")) === true || str(get(props, "scheduling", "provisioningModel")) === "SPOT";
    const charges: Charge[] = [
        charge(hourly, context.hours, `${lastSegment(String(str(get(props, "machineType"))))} always on${spot ? " (spot priced as on-demand)" : ""}`, region),
        charge(disk, diskGb, `${diskGb} GB ${lastSegment(typeof type === "string" ? type : "pd-standard")} boot disk${typeof size === "number" ? "" : " (assumed)"}`, region),
    ];
    if (externalIps > 0) charges.push(charge(COMPUTE.ipInUse, externalIps * context.hours, `${externalIps} external IPv4`, region));
    return { charges };
};

export const priceDisk: Pricer = (props) => {
    const type = str(get(props, "type"));
    if (type === UNKNOWN) return unknownAtPreview("disk type unknown at preview");
    const price = diskPrice(type ?? "pd-standard");
    if (!price) return unpriced(`disk type ${type} is not in the price table`);
    const size = num(get(props, "size"));
    if (size === UNKNOWN) return unknownAtPreview("disk size unknown at preview");
    // Without a size the API uses the image's size (10 GB assumed) or, for a blank disk, 500 GB.
    const fromImage = get(props, "image") !== undefined || get(props, "snapshot") !== undefined;
    const gb = size ?? (fromImage ? 10 : 500);
    const zone = str(get(props, "zone"));
    return { charges: [charge(price, gb, `${gb} GB ${type ?? "pd-standard"}${size === undefined ? " (default size)" : ""}`, typeof zone === "string" ? regionOfZone(zone) : undefined)] };
};

/** Zones a GKE pool's nodes are repeated in: its node locations, or 3 for a regional cluster. */
function zonesOf(location: string | undefined, nodeLocations: Plain | undefined): number {
    const explicit = list(nodeLocations);
    if (Array.isArray(explicit) && explicit.length > 0) return explicit.length;
    return location !== undefined && !/-[a-z]$/.test(location) ? 3 : 1;
}

function nodeCharges(nodeConfig: Plain | undefined, nodes: number, hours: number, region: string | undefined, what: string): Charge[] | string | typeof UNKNOWN {
    const machineType = get(nodeConfig, "machineType") ?? "e2-medium";
    const hourly = machine(machineType);
    if (hourly === UNKNOWN || typeof hourly === "string") return hourly;
    const diskType = str(get(nodeConfig, "diskType"));
    const disk = diskPrice(typeof diskType === "string" ? diskType : "pd-balanced");
    if (!disk) return `node disk type ${String(diskType)} is not in the price table`;
    const size = num(get(nodeConfig, "diskSizeGb"));
    const diskGb = typeof size === "number" ? size : 100;
    return [
        charge(hourly, nodes * hours, `${what}: ${nodes} node(s) × ${lastSegment(String(str(machineType)))}`, region),
        charge(disk, nodes * diskGb, `${nodes} × ${diskGb} GB node disks`, region),
    ];
}

function nodeCount(pool: Plain | undefined, fallback: number): number | typeof UNKNOWN {
    for (const path of [["nodeCount"], ["autoscaling", "totalMinNodeCount"], ["autoscaling", "minNodeCount"], ["initialNodeCount"]]) {
        const value = num(get(pool, ...path));
        if (value === UNKNOWN) return UNKNOWN;
        if (typeof value === "number") return value;
    }
    return fallback;
}

function poolPriced(pool: Plain | undefined, location: string | undefined, hours: number, what: string, fallbackNodes: number): Charge[] | Priced {
    const perZone = nodeCount(pool, fallbackNodes);
    if (perZone === UNKNOWN) return unknownAtPreview("node count unknown at preview");
    const zones = zonesOf(location, get(pool, "nodeLocations"));
    const charged = nodeCharges(get(pool, "nodeConfig"), perZone * zones, hours, location === undefined ? undefined : regionOfZone(location), what);
    if (charged === UNKNOWN) return unknownAtPreview("node machine type unknown at preview");
    if (typeof charged === "string") return unpriced(charged);
    return charged;
}

export const priceGkeCluster: Pricer = (props, context) => {
    const locationValue = str(get(props, "location"));
    const location = typeof locationValue === "string" ? locationValue : undefined;
    const charges: Charge[] = [charge(COMPUTE.gkeCluster, context.hours, "cluster management fee")];
    if (bool(get(props, "enableAutopilot")) === true) {
        return { note: "Autopilot: pods are billed per use and not estimated", charges };
    }
    const pools: Array<[Plain | undefined, string, number]> = [];
    if (bool(get(props, "removeDefaultNodePool")) !== true) {
        // The default pool: initialNodeCount (GKE's default 3) per zone, with the cluster's nodeConfig.
        pools.push([{ initialNodeCount: get(props, "initialNodeCount") ?? 3, nodeConfig: get(props, "nodeConfig") ?? null, nodeLocations: get(props, "nodeLocations") ?? null } as PlainObject, "default pool", 3]);
    }
    for (const pool of items(get(props, "nodePools"))) pools.push([pool, `pool ${String(str(get(pool, "name")) ?? "")}`, 1]);
    for (const [pool, what, fallback] of pools) {
        const priced = poolPriced(pool, location, context.hours, what, fallback);
        if (!Array.isArray(priced)) return { ...priced, charges: [] };
        charges.push(...priced);
    }
    return { charges };
};

export const priceGkeNodePool: Pricer = (props, context) => {
    const locationValue = str(get(props, "location"));
    const priced = poolPriced(props, typeof locationValue === "string" ? locationValue : undefined, context.hours, "node pool", 1);
    return Array.isArray(priced) ? { charges: priced } : priced;
};
