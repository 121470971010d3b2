"use strict";
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
Object.defineProperty(exports, "__esModule", { value: true });
exports.PRICED_TYPE_TOKENS = exports.PRICED_TYPES = exports.sqlTierShape = exports.isRequestBased = exports.DEFAULT_COST_OPTIONS = void 0;
exports.estimateMonthlyCost = estimateMonthlyCost;
const types_1 = require("../lib/types");
const props_1 = require("../lib/props");
const names_1 = require("../lib/names");
const prices_1 = require("./prices");
const common_1 = require("./common");
const cloudRun_1 = require("./cloudRun");
const cloudSql_1 = require("./cloudSql");
const network_1 = require("./network");
const data_1 = require("./data");
const compute_1 = require("./compute");
const observability_1 = require("./observability");
const free_1 = require("./free");
var common_2 = require("./common");
Object.defineProperty(exports, "DEFAULT_COST_OPTIONS", { enumerable: true, get: function () { return common_2.DEFAULT_COST_OPTIONS; } });
var cloudRun_2 = require("./cloudRun");
Object.defineProperty(exports, "isRequestBased", { enumerable: true, get: function () { return cloudRun_2.isRequestBased; } });
var cloudSql_2 = require("./cloudSql");
Object.defineProperty(exports, "sqlTierShape", { enumerable: true, get: function () { return cloudSql_2.sqlTierShape; } });
/** Type tokens the model prices that the policies do not otherwise read. */
exports.PRICED_TYPES = {
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
};
const PRICERS = {
    [types_1.GCP.runService]: cloudRun_1.priceRunService,
    [types_1.GCP.runWorkerPool]: cloudRun_1.priceRunWorkerPool,
    [types_1.GCP.runJob]: cloudRun_1.priceRunJob,
    [types_1.GCP.runV1Service]: cloudRun_1.priceRunV1Service,
    [types_1.GCP.functionV2]: cloudRun_1.priceFunctionV2,
    [types_1.GCP.functionV1]: cloudRun_1.priceFunctionV1,
    [types_1.GCP.sqlInstance]: cloudSql_1.priceSqlInstance,
    [types_1.GCP.redisInstance]: data_1.priceRedis,
    [types_1.GCP.secret]: data_1.priceSecret,
    [types_1.GCP.vpcConnector]: network_1.priceVpcConnector,
    [types_1.GCP.routerNat]: network_1.priceRouterNat,
    [types_1.GCP.artifactRepository]: data_1.priceArtifactRepository,
    [types_1.GCP.storageBucket]: data_1.priceBucket,
    [types_1.GCP.dnsManagedZone]: data_1.priceDnsZone,
    [types_1.GCP.pubsubTopic]: data_1.priceTopic,
    [types_1.GCP.pubsubSubscription]: data_1.priceSubscription,
    [types_1.GCP.uptimeCheck]: observability_1.priceUptimeCheck,
    [types_1.GCP.computeInstance]: compute_1.priceInstance,
    [types_1.GCP.computeDisk]: compute_1.priceDisk,
    [types_1.GCP.kmsCryptoKey]: data_1.priceCryptoKey,
    [exports.PRICED_TYPES.forwardingRule]: network_1.priceForwardingRule,
    [exports.PRICED_TYPES.globalForwardingRule]: network_1.priceForwardingRule,
    [exports.PRICED_TYPES.address]: network_1.priceAddress,
    [exports.PRICED_TYPES.globalAddress]: network_1.priceAddress,
    [exports.PRICED_TYPES.securityPolicy]: network_1.priceSecurityPolicy,
    [exports.PRICED_TYPES.regionSecurityPolicy]: network_1.priceSecurityPolicy,
    [exports.PRICED_TYPES.gkeCluster]: compute_1.priceGkeCluster,
    [exports.PRICED_TYPES.gkeNodePool]: compute_1.priceGkeNodePool,
    [exports.PRICED_TYPES.spannerInstance]: data_1.priceSpannerInstance,
    [exports.PRICED_TYPES.schedulerJob]: data_1.priceSchedulerJob,
    [exports.PRICED_TYPES.alertPolicy]: observability_1.priceAlertPolicy,
    [exports.PRICED_TYPES.logMetric]: observability_1.priceLogMetric,
    [exports.PRICED_TYPES.logBucket]: observability_1.priceLogBucket,
    [exports.PRICED_TYPES.projectService]: observability_1.priceProjectService,
};
/** Types the model has a price (or a no-charge rule) for, for the README and the tests. */
exports.PRICED_TYPE_TOKENS = Object.keys(PRICERS);
const count = (resources, ...types) => resources.filter((r) => types.includes(r.type)).length;
/** Instances a Cloud Run service or pool keeps running with all its traffic sent into the VPC. */
function natUsers(resource) {
    const props = resource.props;
    if (resource.type === types_1.GCP.runService || resource.type === types_1.GCP.runWorkerPool) {
        if ((0, props_1.str)((0, props_1.get)(props, "template", "vpcAccess", "egress")) !== "ALL_TRAFFIC")
            return 0;
        if (resource.type === types_1.GCP.runWorkerPool)
            return numOr((0, props_1.get)(props, "scaling", "manualInstanceCount"), 1);
        return Math.max(numOr((0, props_1.get)(props, "template", "scaling", "minInstanceCount"), 0), numOr((0, props_1.get)(props, "scaling", "minInstanceCount"), 0));
    }
    if (resource.type === types_1.GCP.computeInstance) {
        const external = (0, props_1.items)((0, props_1.get)(props, "networkInterfaces")).some((nic) => (0, props_1.items)((0, props_1.get)(nic, "accessConfigs")).length > 0);
        return external ? 0 : 1;
    }
    return 0;
}
function numOr(value, fallback) {
    const found = (0, props_1.num)(value);
    return typeof found === "number" ? found : fallback;
}
function stackFacts(resources, hours) {
    const versionsBySecret = new Map();
    const attachedAddresses = new Set();
    let natInstances = 0;
    let uptime = 0;
    for (const resource of resources) {
        natInstances += natUsers(resource);
        if (resource.type === types_1.GCP.secretVersion) {
            const secret = (0, props_1.str)((0, props_1.get)(resource.props, "secret"));
            if (typeof secret === "string")
                versionsBySecret.set((0, names_1.lastSegment)(secret), (versionsBySecret.get((0, names_1.lastSegment)(secret)) ?? 0) + 1);
        }
        if (resource.type === types_1.GCP.uptimeCheck)
            uptime += (0, observability_1.uptimeExecutions)(resource.props, hours);
        if (resource.type === exports.PRICED_TYPES.forwardingRule || resource.type === exports.PRICED_TYPES.globalForwardingRule) {
            const ip = (0, props_1.str)((0, props_1.get)(resource.props, "ipAddress"));
            if (typeof ip === "string")
                attachedAddresses.add(ip);
        }
        for (const nic of (0, props_1.items)((0, props_1.get)(resource.props, "networkInterfaces"))) {
            for (const access of (0, props_1.items)((0, props_1.get)(nic, "accessConfigs"))) {
                const ip = (0, props_1.str)((0, props_1.get)(access, "natIp"));
                if (typeof ip === "string")
                    attachedAddresses.add(ip);
            }
        }
    }
    return {
        versionsBySecret,
        natInstances,
        monitored: {
            cloud_run_revision: count(resources, types_1.GCP.runService, types_1.GCP.runV1Service, types_1.GCP.functionV2),
            cloud_run_job: count(resources, types_1.GCP.runJob),
            cloudsql_database: count(resources, types_1.GCP.sqlInstance),
            uptime_url: count(resources, types_1.GCP.uptimeCheck),
            gce_instance: count(resources, types_1.GCP.computeInstance),
            redis_instance: count(resources, types_1.GCP.redisInstance),
        },
        forwardingRules: count(resources, exports.PRICED_TYPES.forwardingRule, exports.PRICED_TYPES.globalForwardingRule),
        uptimeExecutions: uptime,
        schedulerJobs: count(resources, exports.PRICED_TYPES.schedulerJob),
        attachedAddresses,
    };
}
function lineOf(resource, priced) {
    const status = priced.status ?? "priced";
    const monthly = priced.charges.reduce((sum, c) => sum + c.usd, 0);
    const unverified = priced.charges.filter((c) => !c.verified).reduce((sum, c) => sum + c.usd, 0);
    const parts = [
        ...(priced.note ? [priced.note] : []),
        ...priced.charges.map((c) => `${c.label} = ${(0, common_1.usd)(c.usd)}${c.verified ? "" : " (unverified)"}`),
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
function estimateMonthlyCost(resources, options = {}) {
    const merged = { ...common_1.DEFAULT_COST_OPTIONS, ...definedOnly(options) };
    const plained = resources.map((resource) => ({ ...resource, props: (0, props_1.plainProps)(resource.props) }));
    const context = {
        options: merged,
        hours: merged.hoursPerMonth,
        seconds: merged.hoursPerMonth * prices_1.SECONDS_PER_HOUR,
        facts: stackFacts(plained, merged.hoursPerMonth),
    };
    const lines = [];
    const free = new Map();
    const addFree = (reason, type) => {
        const entry = free.get(reason) ?? { count: 0, types: new Set() };
        entry.count += 1;
        entry.types.add(type);
        free.set(reason, entry);
    };
    for (const resource of plained) {
        const classification = (0, free_1.classify)(resource.type, resource.props);
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
        if (priced.free !== undefined)
            addFree(priced.free, resource.type);
        else
            lines.push(lineOf(resource, priced));
    }
    if (plained.some((resource) => resource.type.startsWith("gcp:"))) {
        lines.push(lineOf({ name: "cloud-logging", type: "assumption" }, { charges: (0, observability_1.loggingCharges)(merged) }));
    }
    if (merged.secretAccessesPerMonth > 0) {
        const accesses = (0, common_1.charge)(prices_1.SECRET_MANAGER.access10k, merged.secretAccessesPerMonth / 10_000, `${merged.secretAccessesPerMonth} access operations (assumed)`);
        lines.push(lineOf({ name: "secret-manager-access", type: "assumption" }, { charges: [accesses] }));
    }
    const total = (0, common_1.round2)(lines.reduce((sum, line) => sum + line.monthlyUsd, 0));
    const unverifiedUsd = (0, common_1.round2)(lines.reduce((sum, line) => sum + line.unverifiedUsd, 0));
    const freeClasses = [...free.entries()]
        .map(([reason, entry]) => ({ reason, count: entry.count, types: [...entry.types].sort() }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    const notes = [
        `Baseline only: ${merged.hoursPerMonth} h/month, us-central1 list prices, no committed-use discounts; requests, CPU while serving, queries and egress are usage and not estimated.`,
        `Free allowances applied: 50 GiB of logs per project, ${merged.uptimeFreeExecutions} uptime-check executions and ${merged.schedulerFreeJobs} scheduler job(s) as this stack's share of its billing account's; no other free tier.`,
    ];
    return { total, unverifiedUsd, lines, free: freeClasses, notes };
}
function definedOnly(options) {
    return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
