// Data services with a baseline: Memorystore, Secret Manager, Artifact Registry, Cloud Storage,
// Pub/Sub, Cloud DNS, Spanner, Cloud KMS and Cloud Scheduler.

import { PlainObject, UNKNOWN, bool, get, list, num, str } from "../lib/props";
import {
    ARTIFACT_REGISTRY, CLOUD_DNS, CLOUD_SCHEDULER, CLOUD_STORAGE, KMS, MEMORYSTORE_REDIS, PUBSUB, Price, SECRET_MANAGER, SPANNER,
} from "./prices";
import { Pricer, charge, numberOr, qty, rate, share, unknownAtPreview, unpriced, usd, withUnknowns } from "./common";

const regionOf = (props: PlainObject, key = "region"): string | undefined => {
    const value = str(get(props, key));
    return typeof value === "string" ? value : undefined;
};

export const priceRedis: Pricer = (props, context) => {
    const unknown: string[] = [];
    const gb = numberOr(get(props, "memorySizeGb"), 1, unknown, "memorySizeGb");
    const standard = str(get(props, "tier")) === "STANDARD_HA";
    const band = MEMORYSTORE_REDIS.bands.find((candidate) => gb <= candidate.upToGb) ?? MEMORYSTORE_REDIS.bands[0];
    const hourly = standard ? band.standard : band.basic;
    return {
        note: withUnknowns("", unknown),
        charges: [charge(hourly, gb * context.hours, `${gb} GB ${standard ? "STANDARD_HA" : "BASIC"} (${band.name}) × ${rate(hourly.usd)}/GB-h`, regionOf(props))],
    };
};

function secretLocations(props: PlainObject): number {
    const replicas = list(get(props, "replication", "userManaged", "replicas"));
    return Array.isArray(replicas) && replicas.length > 0 ? replicas.length : 1;
}

export const priceSecret: Pricer = (props, context) => {
    const secretId = str(get(props, "secretId"));
    const declared = typeof secretId === "string" ? context.facts.versionsBySecret.get(secretId) : undefined;
    const versions = declared ?? context.options.secretVersionsPerSecret;
    const locations = secretLocations(props);
    return {
        charges: [charge(SECRET_MANAGER.activeVersion, versions * locations, `${versions} active version(s)${declared === undefined ? " (assumed)" : ""} × ${locations} location(s)`)],
    };
};

export const priceArtifactRepository: Pricer = (_props, context) => {
    const gb = context.options.artifactRegistryGbPerRepository;
    return { charges: [charge(ARTIFACT_REGISTRY.storage, gb, `${gb} GB stored (assumed)`)] };
};

const MULTI_REGIONS = ["US", "EU", "ASIA"];

export const priceBucket: Pricer = (props, context) => {
    const gib = context.options.storageGbPerBucket;
    const location = str(get(props, "location"));
    const storageClass = str(get(props, "storageClass"));
    if (location === UNKNOWN || storageClass === UNKNOWN) return unknownAtPreview("location or storage class unknown at preview");
    const multi = typeof location === "string" && MULTI_REGIONS.includes(location.toUpperCase());
    const cls = (storageClass ?? "STANDARD").toUpperCase();
    const byClass: Readonly<Record<string, Price>> = multi
        ? { STANDARD: CLOUD_STORAGE.standardMulti, MULTI_REGIONAL: CLOUD_STORAGE.standardMulti }
        : { STANDARD: CLOUD_STORAGE.standardRegional, REGIONAL: CLOUD_STORAGE.standardRegional, NEARLINE: CLOUD_STORAGE.nearlineRegional, COLDLINE: CLOUD_STORAGE.coldlineRegional, ARCHIVE: CLOUD_STORAGE.archiveRegional };
    const price = byClass[cls];
    if (!price) return unpriced(`${cls} in ${location ?? "(unset location)"} is not in the price table`);
    return {
        note: "operations and egress are usage and not estimated",
        charges: [charge(price, gib, `${gib} GiB ${cls} (assumed)`, multi || location === undefined ? undefined : location.toLowerCase())],
    };
};

export const priceTopic: Pricer = (props, context) => {
    const { pubsubGibPerTopic: gib, pubsubRetainedGib: retained } = context.options;
    const charges = [charge(PUBSUB.ingestTib, gib / 1024, `${gib} GiB published (assumed)`)];
    if (get(props, "messageRetentionDuration") !== undefined) {
        charges.push(charge(PUBSUB.retained, retained, `${retained} GiB retained (assumed)`));
    }
    return { charges };
};

export const priceSubscription: Pricer = (props, context) => {
    const { pubsubGibPerTopic: gib, pubsubRetainedGib: retained } = context.options;
    const charges = [charge(PUBSUB.deliveryTib, gib / 1024, `${gib} GiB delivered (assumed)`)];
    if (bool(get(props, "retainAckedMessages")) === true) {
        charges.push(charge(PUBSUB.retained, retained, `${retained} GiB of acknowledged messages retained (assumed)`));
    }
    return { charges };
};

export const priceDnsZone: Pricer = () => ({
    note: "queries are usage and not estimated",
    charges: [charge(CLOUD_DNS.zone, 1, "one managed zone")],
});

export const priceSpannerInstance: Pricer = (props, context) => {
    const units = num(get(props, "processingUnits"));
    const nodes = num(get(props, "numNodes"));
    const autoscalingMin = num(get(props, "autoscalingConfig", "autoscalingLimits", "minProcessingUnits"));
    const autoscalingMinNodes = num(get(props, "autoscalingConfig", "autoscalingLimits", "minNodes"));
    if ([units, nodes, autoscalingMin, autoscalingMinNodes].includes(UNKNOWN)) return unknownAtPreview("compute capacity unknown at preview");
    const nodeCount =
        typeof nodes === "number" ? nodes
        : typeof units === "number" ? units / 1000
        : typeof autoscalingMinNodes === "number" ? autoscalingMinNodes
        : typeof autoscalingMin === "number" ? autoscalingMin / 1000
        : 1;
    const gb = context.options.spannerStorageGb;
    const region = str(get(props, "config"));
    const where = typeof region === "string" ? region.replace(/^.*regional-/, "") : undefined;
    return {
        charges: [
            charge(SPANNER.nodeHour, nodeCount * context.hours, `${qty(nodeCount)} node(s) always on`, where),
            charge(SPANNER.storage, gb, `${gb} GB stored (assumed)`, where),
        ],
    };
};

export const priceCryptoKey: Pricer = (props) => {
    const level = str(get(props, "versionTemplate", "protectionLevel"));
    if (level === UNKNOWN) return unknownAtPreview("protection level unknown at preview");
    if (level !== undefined && level !== "SOFTWARE") return unpriced(`${level} keys are not in the price table`);
    return { note: "operations are usage and not estimated", charges: [charge(KMS.softwareKeyVersion, 1, "1 active key version (assumed)")] };
};

/** Scheduler jobs beyond the billing account's free ones, shared evenly across the stack's jobs. */
export const priceSchedulerJob: Pricer = (_props, context) => {
    const jobs = context.facts.schedulerJobs;
    const free = Math.min(jobs, context.options.schedulerFreeJobs);
    const paid = (jobs - free) * CLOUD_SCHEDULER.job.usd;
    return {
        note: `${jobs} job(s) in the stack, ${free} within the free allowance`,
        charges: [share(CLOUD_SCHEDULER.job, paid / jobs, `share of ${jobs - free} paid job(s) × ${usd(CLOUD_SCHEDULER.job.usd)}`)],
    };
};
