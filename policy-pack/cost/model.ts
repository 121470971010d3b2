// The monthly baseline cost of a stack: what it costs with no traffic at all.
//
// Usage (requests, CPU while serving, egress, queries) is not estimated: it depends on traffic,
// not on the program. What the program decides (warm instances, database tiers, HA, disks,
// gateways, alert conditions, secret versions) is priced from cost/prices.ts, and what depends on
// usage the program implies (NAT data, logs, scans) from stated assumptions (common.ts). A pure
// function of the resources, so the policy, the tests and `npm run cost` get the same numbers.
//
// Nothing is silently free: a resource is on a priced line, in a free class with its reason
// (free.ts), unpriced (it costs money and the model has no price), or unknown at preview.

import { GCP } from "../lib/types";
import { PlainObject, get, items, num, plainProps, str } from "../lib/props";
import { lastSegment } from "../lib/names";
import { SECONDS_PER_HOUR, SECRET_MANAGER } from "./prices";
import {
    Charge, CostEstimate, CostLine, CostOptions, CostResource, DEFAULT_COST_OPTIONS, FreeClass, LineStatus, Pricer, Priced, PricingContext,
    StackFacts, charge, round2, usd,
} from "./common";
import { priceFunctionV1, priceFunctionV2, priceRunJob, priceRunService, priceRunV1Service, priceRunWorkerPool } from "./cloudRun";
import { priceSqlInstance } from "./cloudSql";
import { priceAddress, priceForwardingRule, priceRouterNat, priceSecurityPolicy, priceVpcConnector } from "./network";
import {
    priceArtifactRepository, priceBucket, priceCryptoKey, priceDnsZone, priceRedis, priceSchedulerJob, priceSecret, priceSpannerInstance, priceSubscription, priceTopic,
} from "./data";
import { priceDisk, priceGkeCluster, priceGkeNodePool, priceInstance } from "./compute";
import { loggingCharges, priceAlertPolicy, priceLogBucket, priceLogMetric, priceProjectService, priceUptimeCheck, uptimeExecutions } from "./observability";
import { classify } from "./free";

export type { CostEstimate, CostLine, CostOptions, CostResource, FreeClass, LineStatus } from "./common";
export { DEFAULT_COST_OPTIONS } from "./common";
export { isRequestBased } from "./cloudRun";
export { sqlTierShape } from "./cloudSql";

/** Type tokens the model prices that the policies do not otherwise read. */
export const PRICED_TYPES = {
    forwardingRule: "gcp:compute/forwardingRule:ForwardingRule",
    globalForwardingRule: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    address: "gcp:compute/address:Address",
    globalAddress: "gcp:compute/globalAddress:GlobalAddress",
    securityPolicy: "gcp:compute/securityPolicy:SecurityPolicy",
    regionSecurityPolicy: "gcp:compute/regionSecurityPolicy:RegionSecurityPolicy",
    gkeCluster: "gcp:container/cluster:Cluster",
    gkeNodePool: "gcp:container/nodePool:NodePool",
    spannerInstance: "gcp:spanner/instance:Instance",
    schedulerJob: "gcp:cloudscheduler/job:Job",
    alertPolicy: "gcp:monitoring/alertPolicy:AlertPolicy",
    logMetric: "gcp:logging/metric:Metric",
    logBucket: "gcp:logging/projectBucketConfig:ProjectBucketConfig",
    projectService: "gcp:projects/service:Service",
} as const;

const PRICERS: Readonly<Record<string, Pricer>> = {
    [GCP.runService]: priceRunService,
    [GCP.runWorkerPool]: priceRunWorkerPool,
    [GCP.runJob]: priceRunJob,
    [GCP.runV1Service]: priceRunV1Service,
    [GCP.functionV2]: priceFunctionV2,
    [GCP.functionV1]: priceFunctionV1,
    [GCP.sqlInstance]: priceSqlInstance,
    [GCP.redisInstance]: priceRedis,
    [GCP.secret]: priceSecret,
    [GCP.vpcConnector]: priceVpcConnector,
    [GCP.routerNat]: priceRouterNat,
    [GCP.artifactRepository]: priceArtifactRepository,
    [GCP.storageBucket]: priceBucket,
    [GCP.dnsManagedZone]: priceDnsZone,
    [GCP.pubsubTopic]: priceTopic,
    [GCP.pubsubSubscription]: priceSubscription,
    [GCP.uptimeCheck]: priceUptimeCheck,
    [GCP.computeInstance]: priceInstance,
    [GCP.computeDisk]: priceDisk,
    [GCP.kmsCryptoKey]: priceCryptoKey,
    [PRICED_TYPES.forwardingRule]: priceForwardingRule,
    [PRICED_TYPES.globalForwardingRule]: priceForwardingRule,
    [PRICED_TYPES.address]: priceAddress,
    [PRICED_TYPES.globalAddress]: priceAddress,
    [PRICED_TYPES.securityPolicy]: priceSecurityPolicy,
    [PRICED_TYPES.regionSecurityPolicy]: priceSecurityPolicy,
    [PRICED_TYPES.gkeCluster]: priceGkeCluster,
    [PRICED_TYPES.gkeNodePool]: priceGkeNodePool,
    [PRICED_TYPES.spannerInstance]: priceSpannerInstance,
    [PRICED_TYPES.schedulerJob]: priceSchedulerJob,
    [PRICED_TYPES.alertPolicy]: priceAlertPolicy,
    [PRICED_TYPES.logMetric]: priceLogMetric,
    [PRICED_TYPES.logBucket]: priceLogBucket,
    [PRICED_TYPES.projectService]: priceProjectService,
};

/** Types the model has a price (or a no-charge rule) for, for the README and the tests. */
export const PRICED_TYPE_TOKENS: readonly string[] = Object.keys(PRICERS);

interface Plained {
    readonly type: string;
    readonly name: string;
    readonly urn?: string;
    readonly props: PlainObject;
}

const count = (resources: readonly Plained[], ...types: string[]): number => resources.filter((r) => types.includes(r.type)).length;

/** Instances a Cloud Run service or pool keeps running with all its traffic sent into the VPC. */
function natUsers(resource: Plained): number {
    const props = resource.props;
    if (resource.type === GCP.runService || resource.type === GCP.runWorkerPool) {
        if (str(get(props, "template", "vpcAccess", "egress")) !== "ALL_TRAFFIC") return 0;
        if (resource.type === GCP.runWorkerPool) return numOr(get(props, "scaling", "manualInstanceCount"), 1);
        return Math.max(numOr(get(props, "template", "scaling", "minInstanceCount"), 0), numOr(get(props, "scaling", "minInstanceCount"), 0));
    }
    if (resource.type === GCP.computeInstance) {
        const external = items(get(props, "networkInterfaces")).some((nic) => items(get(nic, "accessConfigs")).length > 0);
        return external ? 0 : 1;
    }
    return 0;
}

function numOr(value: ReturnType<typeof get>, fallback: number): number {
    const found = num(value);
    return typeof found === "number" ? found : fallback;
}

function stackFacts(resources: readonly Plained[], hours: number): StackFacts {
    const versionsBySecret = new Map<string, number>();
    const attachedAddresses = new Set<string>();
    let natInstances = 0;
    let uptime = 0;
    for (const resource of resources) {
        natInstances += natUsers(resource);
        if (resource.type === GCP.secretVersion) {
            const secret = str(get(resource.props, "secret"));
            if (typeof secret === "string") versionsBySecret.set(lastSegment(secret), (versionsBySecret.get(lastSegment(secret)) ?? 0) + 1);
        }
        if (resource.type === GCP.uptimeCheck) uptime += uptimeExecutions(resource.props, hours);
        if (resource.type === PRICED_TYPES.forwardingRule || resource.type === PRICED_TYPES.globalForwardingRule) {
            const ip = str(get(resource.props, "ipAddress"));
            if (typeof ip === "string") attachedAddresses.add(ip);
        }
        for (const nic of items(get(resource.props, "networkInterfaces"))) {
            for (const access of items(get(nic, "accessConfigs"))) {
                const ip = str(get(access, "natIp"));
                if (typeof ip === "string") attachedAddresses.add(ip);
            }
        }
    }
    return {
        versionsBySecret,
        natInstances,
        monitored: {
            cloud_run_revision: count(resources, GCP.runService, GCP.runV1Service, GCP.functionV2),
            cloud_run_job: count(resources, GCP.runJob),
            cloudsql_database: count(resources, GCP.sqlInstance),
            uptime_url: count(resources, GCP.uptimeCheck),
            gce_instance: count(resources, GCP.computeInstance),
            redis_instance: count(resources, GCP.redisInstance),
        },
        forwardingRules: count(resources, PRICED_TYPES.forwardingRule, PRICED_TYPES.globalForwardingRule),
        uptimeExecutions: uptime,
        schedulerJobs: count(resources, PRICED_TYPES.schedulerJob),
        attachedAddresses,
    };
}

function lineOf(resource: { type: string; name: string; urn?: string }, priced: Priced): CostLine {
    const status: LineStatus = priced.status ?? "priced";
    const monthly = priced.charges.reduce((sum, c) => sum + c.usd, 0);
    const unverified = priced.charges.filter((c) => !c.verified).reduce((sum, c) => sum + c.usd, 0);
    const parts = [
        ...(priced.note ? [priced.note] : []),
        ...priced.charges.map((c) => `${c.label} = ${usd(c.usd)}${c.verified ? "" : " (unverified)"}`),
    ];
    return {
        name: resource.name,
        type: resource.type,
        urn: resource.urn,
        monthlyUsd: status === "priced" ? monthly : 0,
        unverifiedUsd: status === "priced" ? unverified : 0,
        detail: parts.join("; "),
        status,
    };
}

/** Prices every resource of a stack. Pure: same resources and options, same estimate. */
export function estimateMonthlyCost(resources: readonly CostResource[], options: Partial<CostOptions> = {}): CostEstimate {
    const merged: CostOptions = { ...DEFAULT_COST_OPTIONS, ...definedOnly(options) };
    const plained: Plained[] = resources.map((resource) => ({ ...resource, props: plainProps(resource.props) }));
    const context: PricingContext = {
        options: merged,
        hours: merged.hoursPerMonth,
        seconds: merged.hoursPerMonth * SECONDS_PER_HOUR,
        facts: stackFacts(plained, merged.hoursPerMonth),
    };

    const lines: CostLine[] = [];
    const free = new Map<string, { count: number; types: Set<string> }>();
    const addFree = (reason: string, type: string) => {
        const entry = free.get(reason) ?? { count: 0, types: new Set<string>() };
        entry.count += 1;
        entry.types.add(type);
        free.set(reason, entry);
    };
    for (const resource of plained) {
        const classification = classify(resource.type, resource.props);
        if (classification.kind === "free") {
            addFree(classification.reason, resource.type);
            continue;
        }
        if (classification.kind === "unpriced") {
            lines.push(lineOf(resource, { charges: [], note: classification.reason, status: "unpriced" }));
            continue;
        }
        const pricer = PRICERS[resource.type];
        if (!pricer) {
            lines.push(lineOf(resource, { charges: [], note: "the cost model has no price for this type", status: "unpriced" }));
            continue;
        }
        const priced = pricer(resource.props, context);
        if (priced.free !== undefined) addFree(priced.free, resource.type);
        else lines.push(lineOf(resource, priced));
    }

    if (plained.some((resource) => resource.type.startsWith("gcp:"))) {
        lines.push(lineOf({ name: "cloud-logging", type: "assumption" }, { charges: loggingCharges(merged) }));
    }
    if (merged.secretAccessesPerMonth > 0) {
        const accesses: Charge = charge(SECRET_MANAGER.access10k, merged.secretAccessesPerMonth / 10_000, `${merged.secretAccessesPerMonth} access operations (assumed)`);
        lines.push(lineOf({ name: "secret-manager-access", type: "assumption" }, { charges: [accesses] }));
    }

    const total = round2(lines.reduce((sum, line) => sum + line.monthlyUsd, 0));
    const unverifiedUsd = round2(lines.reduce((sum, line) => sum + line.unverifiedUsd, 0));
    const freeClasses: FreeClass[] = [...free.entries()]
        .map(([reason, entry]) => ({ reason, count: entry.count, types: [...entry.types].sort() }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    const notes = [
        `Baseline only: ${merged.hoursPerMonth} h/month, us-central1 list prices, no committed-use discounts; requests, CPU while serving, queries and egress are usage and not estimated.`,
        `Free allowances applied: 50 GiB of logs per project, ${merged.uptimeFreeExecutions} uptime-check executions and ${merged.schedulerFreeJobs} scheduler job(s) as this stack's share of its billing account's; no other free tier.`,
    ];
    return { total, unverifiedUsd, lines, free: freeClasses, notes };
}

function definedOnly(options: Partial<CostOptions>): Partial<CostOptions> {
    return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<CostOptions>;
}
