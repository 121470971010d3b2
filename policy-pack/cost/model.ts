// The monthly baseline cost of a stack: what it costs with no traffic at all.
//
// Usage (requests, CPU while serving, egress, queries) is not estimated: it depends on traffic,
// not on the program. What the program decides (warm instances, database tiers, HA, disks,
// connectors, NAT gateways, secret versions) is priced here from cost/prices.ts. A pure function
// of the resources, so the policy, the tests and `npm run cost` get the same numbers.

import { GCP } from "../lib/types";
import { PlainObject, UNKNOWN, get, num, plainProps, str } from "../lib/props";
import { lastSegment } from "../lib/names";
import { iamKind } from "../lib/iam";
import { ARTIFACT_REGISTRY, CLOUD_DNS, CLOUD_STORAGE, PUBSUB, SECONDS_PER_HOUR, SECRET_MANAGER } from "./prices";
import { CostEstimate, CostLine, CostOptions, CostResource, DEFAULT_COST_OPTIONS, Pricer, PricingContext, round2, usd } from "./common";
import { priceFunctionV2, priceRunJob, priceRunService, priceRunV1Service, priceRunWorkerPool } from "./cloudRun";
import { priceSqlInstance } from "./cloudSql";
import { flat, priceRedis, priceRouterNat, priceSecret, priceVpcConnector } from "./services";

export type { CostEstimate, CostLine, CostOptions, CostResource } from "./common";
export { DEFAULT_COST_OPTIONS } from "./common";
export { isRequestBased } from "./cloudRun";
export { sqlTierShape } from "./cloudSql";

const PRICERS: Readonly<Record<string, Pricer>> = {
    [GCP.runService]: priceRunService,
    [GCP.runWorkerPool]: priceRunWorkerPool,
    [GCP.runJob]: priceRunJob,
    [GCP.runV1Service]: priceRunV1Service,
    [GCP.functionV2]: priceFunctionV2,
    [GCP.sqlInstance]: priceSqlInstance,
    [GCP.redisInstance]: priceRedis,
    [GCP.secret]: priceSecret,
    [GCP.vpcConnector]: priceVpcConnector,
    [GCP.routerNat]: priceRouterNat,
    [GCP.artifactRepository]: flat(
        (o) => o.artifactRegistryGbPerRepository * ARTIFACT_REGISTRY.gbMonth,
        (o) => `${o.artifactRegistryGbPerRepository} GB stored (assumed) × ${usd(ARTIFACT_REGISTRY.gbMonth)}/GB`,
    ),
    [GCP.storageBucket]: flat(
        (o) => o.storageGbPerBucket * CLOUD_STORAGE.standardGbMonth,
        (o) => `${o.storageGbPerBucket} GB Standard (assumed) × ${usd(CLOUD_STORAGE.standardGbMonth)}/GB`,
    ),
    [GCP.dnsManagedZone]: flat(() => CLOUD_DNS.managedZoneMonth, () => "one managed zone; queries not estimated"),
    [GCP.pubsubTopic]: flat(
        (o) => (o.pubsubGibPerTopic / 1024) * PUBSUB.perTib,
        (o) => `${o.pubsubGibPerTopic} GiB/month published (assumed); the first 10 GiB per billing account are free`,
    ),
    [GCP.pubsubSubscription]: flat(() => 0, () => "throughput billed on the topic"),
    [GCP.uptimeCheck]: flat(() => 0, () => "within the free uptime-check allowance (assumed)"),
    [GCP.functionV1]: (props) => {
        const min = num(get(props, "minInstances"));
        const warm = min === UNKNOWN || (min ?? 0) > 0;
        return { monthlyUsd: 0, detail: warm ? "min instances of 1st gen functions are not modelled" : "scales to zero", modelled: !warm };
    },
    [GCP.computeInstance]: () => ({ monthlyUsd: 0, detail: "Compute Engine VMs are not modelled", modelled: false }),
    [GCP.computeDisk]: () => ({ monthlyUsd: 0, detail: "persistent disks are not modelled", modelled: false }),
};

const FREE_TYPE_PREFIXES: readonly string[] = [
    "gcp:projects/service:",
    "gcp:serviceaccount/account:",
    "gcp:compute/network:",
    "gcp:compute/subnetwork:",
    "gcp:compute/router:",
    "gcp:compute/globalAddress:",
    "gcp:compute/firewall:",
    "gcp:servicenetworking/",
    "gcp:sql/database:",
    "gcp:sql/user:",
    "gcp:secretmanager/secretVersion:",
    "gcp:monitoring/alertPolicy:",
    "gcp:monitoring/notificationChannel:",
    "gcp:monitoring/dashboard:",
    "gcp:billing/",
    "gcp:logging/",
    "gcp:iam/",
    "gcp:cloudscheduler/",
];

/**
 * Types with no baseline cost of their own: grants, identities, networks without gateways,
 * databases and users inside an instance, alerting, the budget itself. They get no line.
 */
function isFree(type: string): boolean {
    if (!type.startsWith("gcp:")) return true;
    if (iamKind(type) !== undefined) return true;
    return FREE_TYPE_PREFIXES.some((prefix) => type.startsWith(prefix));
}

function countSecretVersions(resources: ReadonlyArray<{ type: string; props: PlainObject }>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const resource of resources) {
        if (resource.type !== GCP.secretVersion) continue;
        const secret = str(get(resource.props, "secret"));
        if (typeof secret !== "string") continue;
        const id = lastSegment(secret);
        counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
}

/** Prices every resource of a stack. Pure: same resources and options, same estimate. */
export function estimateMonthlyCost(resources: readonly CostResource[], options: Partial<CostOptions> = {}): CostEstimate {
    const merged: CostOptions = { ...DEFAULT_COST_OPTIONS, ...definedOnly(options) };
    const plainResources = resources.map((resource) => ({ ...resource, props: plainProps(resource.props) }));
    const context: PricingContext = {
        options: merged,
        hours: merged.hoursPerMonth,
        seconds: merged.hoursPerMonth * SECONDS_PER_HOUR,
        versionsBySecret: countSecretVersions(plainResources),
    };

    const lines: CostLine[] = [];
    let free = 0;
    for (const resource of plainResources) {
        const pricer = PRICERS[resource.type];
        if (!pricer) {
            if (isFree(resource.type)) {
                free += 1;
            } else {
                lines.push({ name: resource.name, type: resource.type, urn: resource.urn, monthlyUsd: 0, detail: "not modelled: priced at 0", modelled: false });
            }
            continue;
        }
        const priced = pricer(resource.props, context);
        lines.push({
            name: resource.name,
            type: resource.type,
            urn: resource.urn,
            monthlyUsd: round2(priced.monthlyUsd),
            detail: priced.detail,
            modelled: priced.modelled ?? true,
        });
    }

    const notes = [
        `Baseline only: ${merged.hoursPerMonth} h/month, us-central1 list prices, no free tiers or discounts; requests, CPU while serving, queries and egress are not estimated.`,
        `${free} resource(s) with no baseline cost (IAM, identities, networks, databases inside instances, alerting) have no line.`,
    ];
    if (merged.secretAccessesPerMonth > 0) {
        const accessCost = (merged.secretAccessesPerMonth / 10_000) * SECRET_MANAGER.per10kAccesses;
        lines.push({ name: "secret-manager-access", type: "assumption", monthlyUsd: round2(accessCost), detail: `${merged.secretAccessesPerMonth} access operations (assumed)`, modelled: true });
    }
    const unmodelled = lines.filter((line) => !line.modelled);
    if (unmodelled.length > 0) {
        notes.push(`Not modelled, priced at 0: ${unmodelled.map((line) => `${line.name} (${line.type})`).join(", ")}.`);
    }
    const total = round2(lines.reduce((sum, line) => sum + line.monthlyUsd, 0));
    return { total, lines, notes };
}

function definedOnly(options: Partial<CostOptions>): Partial<CostOptions> {
    return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<CostOptions>;
}
