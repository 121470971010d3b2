"use strict";
// Data services with a baseline: Memorystore, Secret Manager, Artifact Registry, Cloud Storage,
// Pub/Sub, Cloud DNS, Spanner, Cloud KMS and Cloud Scheduler.
Object.defineProperty(exports, "__esModule", { value: true });
exports.priceSchedulerJob = exports.priceCryptoKey = exports.priceSpannerInstance = exports.priceDnsZone = exports.priceSubscription = exports.priceTopic = exports.priceBucket = exports.priceArtifactRepository = exports.priceSecret = exports.priceRedis = void 0;
const props_1 = require("../lib/props");
const prices_1 = require("./prices");
const common_1 = require("./common");
const regionOf = (props, key = "region") => {
    const value = (0, props_1.str)((0, props_1.get)(props, key));
    return typeof value === "string" ? value : undefined;
};
const priceRedis = (props, context) => {
    const unknown = [];
    const gb = (0, common_1.numberOr)((0, props_1.get)(props, "memorySizeGb"), 1, unknown, "memorySizeGb");
    const standard = (0, props_1.str)((0, props_1.get)(props, "tier")) === "STANDARD_HA";
    const band = prices_1.MEMORYSTORE_REDIS.bands.find((candidate) => gb <= candidate.upToGb) ?? prices_1.MEMORYSTORE_REDIS.bands[0];
    const hourly = standard ? band.standard : band.basic;
    return {
        note: (0, common_1.withUnknowns)("", unknown),
        charges: [(0, common_1.charge)(hourly, gb * context.hours, `${gb} GB ${standard ? "STANDARD_HA" : "BASIC"} (${band.name}) × ${(0, common_1.rate)(hourly.usd)}/GB-h`, regionOf(props))],
    };
};
exports.priceRedis = priceRedis;
function secretLocations(props) {
    const replicas = (0, props_1.list)((0, props_1.get)(props, "replication", "userManaged", "replicas"));
    return Array.isArray(replicas) && replicas.length > 0 ? replicas.length : 1;
}
const priceSecret = (props, context) => {
    const secretId = (0, props_1.str)((0, props_1.get)(props, "secretId"));
    const declared = typeof secretId === "string" ? context.facts.versionsBySecret.get(secretId) : undefined;
    const versions = declared ?? context.options.secretVersionsPerSecret;
    const locations = secretLocations(props);
    return {
        charges: [(0, common_1.charge)(prices_1.SECRET_MANAGER.activeVersion, versions * locations, `${versions} active version(s)${declared === undefined ? " (assumed)" : ""} × ${locations} location(s)`)],
    };
};
exports.priceSecret = priceSecret;
const priceArtifactRepository = (_props, context) => {
    const gb = context.options.artifactRegistryGbPerRepository;
    return { charges: [(0, common_1.charge)(prices_1.ARTIFACT_REGISTRY.storage, gb, `${gb} GB stored (assumed)`)] };
};
exports.priceArtifactRepository = priceArtifactRepository;
const MULTI_REGIONS = ["US", "EU", "ASIA"];
const priceBucket = (props, context) => {
    const gib = context.options.storageGbPerBucket;
    const location = (0, props_1.str)((0, props_1.get)(props, "location"));
    const storageClass = (0, props_1.str)((0, props_1.get)(props, "storageClass"));
    if (location === props_1.UNKNOWN || storageClass === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("location or storage class unknown at preview");
    const multi = typeof location === "string" && MULTI_REGIONS.includes(location.toUpperCase());
    const cls = (storageClass ?? "STANDARD").toUpperCase();
    const byClass = multi
        ? { STANDARD: prices_1.CLOUD_STORAGE.standardMulti, MULTI_REGIONAL: prices_1.CLOUD_STORAGE.standardMulti }
        : { STANDARD: prices_1.CLOUD_STORAGE.standardRegional, REGIONAL: prices_1.CLOUD_STORAGE.standardRegional, NEARLINE: prices_1.CLOUD_STORAGE.nearlineRegional, COLDLINE: prices_1.CLOUD_STORAGE.coldlineRegional, ARCHIVE: prices_1.CLOUD_STORAGE.archiveRegional };
    const price = byClass[cls];
    if (!price)
        return (0, common_1.unpriced)(`${cls} in ${location ?? "(unset location)"} is not in the price table`);
    return {
        note: "operations and egress are usage and not estimated",
        charges: [(0, common_1.charge)(price, gib, `${gib} GiB ${cls} (assumed)`, multi || location === undefined ? undefined : location.toLowerCase())],
    };
};
exports.priceBucket = priceBucket;
const priceTopic = (props, context) => {
    const { pubsubGibPerTopic: gib, pubsubRetainedGib: retained } = context.options;
    const charges = [(0, common_1.charge)(prices_1.PUBSUB.ingestTib, gib / 1024, `${gib} GiB published (assumed)`)];
    if ((0, props_1.get)(props, "messageRetentionDuration") !== undefined) {
        charges.push((0, common_1.charge)(prices_1.PUBSUB.retained, retained, `${retained} GiB retained (assumed)`));
    }
    return { charges };
};
exports.priceTopic = priceTopic;
const priceSubscription = (props, context) => {
    const { pubsubGibPerTopic: gib, pubsubRetainedGib: retained } = context.options;
    const charges = [(0, common_1.charge)(prices_1.PUBSUB.deliveryTib, gib / 1024, `${gib} GiB delivered (assumed)`)];
    if ((0, props_1.bool)((0, props_1.get)(props, "retainAckedMessages")) === true) {
        charges.push((0, common_1.charge)(prices_1.PUBSUB.retained, retained, `${retained} GiB of acknowledged messages retained (assumed)`));
    }
    return { charges };
};
exports.priceSubscription = priceSubscription;
const priceDnsZone = () => ({
    note: "queries are usage and not estimated",
    charges: [(0, common_1.charge)(prices_1.CLOUD_DNS.zone, 1, "one managed zone")],
});
exports.priceDnsZone = priceDnsZone;
const priceSpannerInstance = (props, context) => {
    const units = (0, props_1.num)((0, props_1.get)(props, "processingUnits"));
    const nodes = (0, props_1.num)((0, props_1.get)(props, "numNodes"));
    const autoscalingMin = (0, props_1.num)((0, props_1.get)(props, "autoscalingConfig", "autoscalingLimits", "minProcessingUnits"));
    const autoscalingMinNodes = (0, props_1.num)((0, props_1.get)(props, "autoscalingConfig", "autoscalingLimits", "minNodes"));
    if ([units, nodes, autoscalingMin, autoscalingMinNodes].includes(props_1.UNKNOWN))
        return (0, common_1.unknownAtPreview)("compute capacity unknown at preview");
    const nodeCount = typeof nodes === "number" ? nodes
        : typeof units === "number" ? units / 1000
            : typeof autoscalingMinNodes === "number" ? autoscalingMinNodes
                : typeof autoscalingMin === "number" ? autoscalingMin / 1000
                    : 1;
    const gb = context.options.spannerStorageGb;
    const region = (0, props_1.str)((0, props_1.get)(props, "config"));
    const where = typeof region === "string" ? region.replace(/^.*regional-/, "") : undefined;
    return {
        charges: [
            (0, common_1.charge)(prices_1.SPANNER.nodeHour, nodeCount * context.hours, `${(0, common_1.qty)(nodeCount)} node(s) always on`, where),
            (0, common_1.charge)(prices_1.SPANNER.storage, gb, `${gb} GB stored (assumed)`, where),
        ],
    };
};
exports.priceSpannerInstance = priceSpannerInstance;
const priceCryptoKey = (props) => {
    const level = (0, props_1.str)((0, props_1.get)(props, "versionTemplate", "protectionLevel"));
    if (level === props_1.UNKNOWN)
        return (0, common_1.unknownAtPreview)("protection level unknown at preview");
    if (level !== undefined && level !== "SOFTWARE")
        return (0, common_1.unpriced)(`${level} keys are not in the price table`);
    return { note: "operations are usage and not estimated", charges: [(0, common_1.charge)(prices_1.KMS.softwareKeyVersion, 1, "1 active key version (assumed)")] };
};
exports.priceCryptoKey = priceCryptoKey;
/** Scheduler jobs beyond the billing account's free ones, shared evenly across the stack's jobs. */
const priceSchedulerJob = (_props, context) => {
    const jobs = context.facts.schedulerJobs;
    const free = Math.min(jobs, context.options.schedulerFreeJobs);
    const paid = (jobs - free) * prices_1.CLOUD_SCHEDULER.job.usd;
    return {
        note: `${jobs} job(s) in the stack, ${free} within the free allowance`,
        charges: [(0, common_1.share)(prices_1.CLOUD_SCHEDULER.job, paid / jobs, `share of ${jobs - free} paid job(s) × ${(0, common_1.usd)(prices_1.CLOUD_SCHEDULER.job.usd)}`)],
    };
};
exports.priceSchedulerJob = priceSchedulerJob;
