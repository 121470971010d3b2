// Everything else with a baseline: Memorystore, Secret Manager, VPC connectors, Cloud NAT, and
// flat per-resource assumptions (registries, buckets, DNS zones, topics).

import { PlainObject, get, list, str } from "../lib/props";
import { CLOUD_NAT, MEMORYSTORE_REDIS, SECRET_MANAGER, VPC_ACCESS } from "./prices";
import { CostOptions, Pricer, numberOr, rate, usd, withUnknowns } from "./common";

export const priceRedis: Pricer = (props, context) => {
    const unknown: string[] = [];
    const gb = numberOr(get(props, "memorySizeGb"), 1, unknown, "memorySizeGb");
    const standard = str(get(props, "tier")) === "STANDARD_HA";
    const band = MEMORYSTORE_REDIS.bands.find((candidate) => gb <= candidate.upToGb) ?? MEMORYSTORE_REDIS.bands[0];
    const hourly = standard ? band.standard : band.basic;
    return {
        monthlyUsd: gb * hourly * context.hours,
        detail: withUnknowns(`${gb} GB ${standard ? "STANDARD_HA" : "BASIC"} × ${rate(hourly)}/GB-h`, unknown),
    };
};

function secretLocations(props: PlainObject): number {
    const replicas = list(get(props, "replication", "userManaged", "replicas"));
    return Array.isArray(replicas) && replicas.length > 0 ? replicas.length : 1;
}

export const priceSecret: Pricer = (props, context) => {
    const secretId = str(get(props, "secretId"));
    const declared = typeof secretId === "string" ? context.versionsBySecret.get(secretId) : undefined;
    const versions = declared ?? context.options.secretVersionsPerSecret;
    const locations = secretLocations(props);
    return {
        monthlyUsd: versions * locations * SECRET_MANAGER.activeVersionMonth,
        detail: `${versions} active version(s)${declared === undefined ? " (assumed)" : ""} × ${locations} location(s) × ${usd(SECRET_MANAGER.activeVersionMonth)}`,
    };
};

export const priceVpcConnector: Pricer = (props, context) => {
    const unknown: string[] = [];
    const machine = str(get(props, "machineType"));
    const machineType = typeof machine === "string" ? machine : VPC_ACCESS.defaultMachineType;
    const min = numberOr(get(props, "minInstances"), VPC_ACCESS.defaultMinInstances, unknown, "minInstances");
    const hourly = VPC_ACCESS.machineHour[machineType];
    return {
        monthlyUsd: min * (hourly ?? 0) * context.hours,
        detail: withUnknowns(`${min} × ${machineType}${hourly === undefined ? " (machine type not modelled)" : ` at ${rate(hourly)}/h`}`, unknown),
        modelled: hourly !== undefined,
    };
};

export const priceRouterNat: Pricer = (props, context) => {
    const { natVmCount, natIpCount, natDataGib } = context.options;
    const manualIps = str(get(props, "natIpAllocateOption")) === "MANUAL_ONLY" ? list(get(props, "natIps")) : undefined;
    const ips = Array.isArray(manualIps) ? manualIps.length : natIpCount;
    const gatewayHourly = Math.min(natVmCount * CLOUD_NAT.perVmHour, CLOUD_NAT.maxGatewayHour);
    const gateway = gatewayHourly * context.hours;
    const addresses = ips * CLOUD_NAT.perIpHour * context.hours;
    const data = natDataGib * CLOUD_NAT.perGibProcessed;
    return {
        monthlyUsd: gateway + addresses + data,
        detail: `gateway for ${natVmCount} instance(s) = ${usd(gateway)}; ${ips} IP(s) = ${usd(addresses)}; ${natDataGib} GiB processed = ${usd(data)} (assumed usage)`,
    };
};

export function flat(monthly: (options: CostOptions) => number, detail: (options: CostOptions) => string): Pricer {
    return (_props, context) => ({ monthlyUsd: monthly(context.options), detail: detail(context.options) });
}
