// List prices, USD, us-central1 (Cloud Run "Tier 1"), on-demand, no committed-use discount and no
// free tier (the free tiers are per billing account and shared, so the estimate errs high).
//
// Every figure says where it comes from and when it was read. "Confirmed" means the figure was read
// on the public pricing page (or a copy of it) on that date; "best known" means the page could not
// be read in full that day and the figure is the last published one we know of. Check the
// best-known ones against the page before relying on a tight margin.

/** The convention for a month of always-on resources: 365 × 24 / 12. */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_HOUR = 3600;

export interface ComputeRate {
    /** USD per vCPU-second. */
    readonly vcpuSecond: number;
    /** USD per GiB-second. */
    readonly gibSecond: number;
}

export const CLOUD_RUN = {
    // Source: https://cloud.google.com/run/pricing (Tier 1), read 2026-11-23.
    /** Request-based billing (cpuIdle true), while serving. CPU confirmed; memory best known. */
    requestBased: { vcpuSecond: 0.000024, gibSecond: 0.0000025 } satisfies ComputeRate,
    /** Per million requests under request-based billing. Best known. */
    perMillionRequests: 0.4,
    /** Instance-based billing (cpuIdle false) and jobs. CPU confirmed; memory best known. */
    instanceBased: { vcpuSecond: 0.000018, gibSecond: 0.000002 } satisfies ComputeRate,
    /**
     * Idle minimum instances under request-based billing: CPU at the reduced idle rate, memory at
     * the full rate. Best known (the page lists "idle min instance" rates; not readable that day).
     */
    idleMinInstance: { vcpuSecond: 0.0000025, gibSecond: 0.0000025 } satisfies ComputeRate,
    /**
     * Worker pools are always allocated, billed per instance-second. Best known: the page's worker
     * pool rows were not readable that day, so the instance-based rates are used.
     */
    workerPool: { vcpuSecond: 0.000018, gibSecond: 0.000002 } satisfies ComputeRate,
    /** Defaults Cloud Run applies when a container sets no limits. */
    defaultCpu: 1,
    defaultMemoryGib: 0.5,
} as const;

export const CLOUD_SQL = {
    // Source: https://cloud.google.com/sql/pricing, read 2026-11-23.
    /** Enterprise edition, dedicated core. Confirmed ($0.0413 per vCPU-hour, $0.007 per GB-hour). */
    enterprise: { vcpuHour: 0.0413, gbHour: 0.007 },
    /** Enterprise Plus edition, dedicated core. Best known. */
    enterprisePlus: { vcpuHour: 0.0537, gbHour: 0.0091 },
    /** Shared-core tiers, per instance-hour (HA doubles). Best known. */
    sharedCoreHour: { "db-f1-micro": 0.0105, "db-g1-small": 0.035 } as Readonly<Record<string, number>>,
    /** Storage per GB-month (HA doubles). Best known. */
    ssdGbMonth: 0.17,
    hddGbMonth: 0.09,
    /** Backup storage (and PITR logs kept as backups) per GB-month. Best known. */
    backupGbMonth: 0.08,
    /** A public IPv4 address on an instance, per hour. Best known. */
    publicIpv4Hour: 0.01,
    /** Availability type REGIONAL keeps a standby: compute and storage are billed twice. */
    haMultiplier: 2,
} as const;

export const MEMORYSTORE_REDIS = {
    // Source: https://cloud.google.com/memorystore/docs/redis/pricing, read 2026-11-23. Best known
    // (the page was not readable that day). Per GB-hour of provisioned capacity, by capacity band.
    bands: [
        { upToGb: 4, basic: 0.049, standard: 0.064 },
        { upToGb: 10, basic: 0.027, standard: 0.035 },
        { upToGb: 35, basic: 0.023, standard: 0.03 },
        { upToGb: 100, basic: 0.019, standard: 0.024 },
        { upToGb: Number.POSITIVE_INFINITY, basic: 0.016, standard: 0.02 },
    ],
} as const;

export const SECRET_MANAGER = {
    // Source: https://cloud.google.com/secret-manager/pricing, read 2026-11-23. Confirmed.
    /** Per active (enabled or disabled) version, per replica location, per month. */
    activeVersionMonth: 0.06,
    /** Per 10,000 access operations. */
    per10kAccesses: 0.03,
} as const;

export const CLOUD_NAT = {
    // Source: https://cloud.google.com/nat/pricing, read 2026-11-23. Confirmed.
    /** Gateway, per VM instance using it, per hour, up to 32 instances. */
    perVmHour: 0.0014,
    /** Gateway ceiling per hour (32 or more instances). */
    maxGatewayHour: 0.044,
    /** Data processed, ingress and egress, per GiB. */
    perGibProcessed: 0.045,
    /** Each external IP address used by the gateway, per hour. */
    perIpHour: 0.005,
} as const;

export const VPC_ACCESS = {
    // Source: https://cloud.google.com/vpc/pricing#serverless-vpc-pricing, read 2026-11-23. A
    // connector's instances are billed as Compute Engine VMs of its machine type. Best known
    // (Compute Engine on-demand, us-central1).
    machineHour: { "e2-micro": 0.008376, "f1-micro": 0.0076, "e2-standard-4": 0.134012 } as Readonly<Record<string, number>>,
    defaultMachineType: "e2-micro",
    defaultMinInstances: 2,
} as const;

export const ARTIFACT_REGISTRY = {
    // Source: https://cloud.google.com/artifact-registry/pricing, read 2026-11-23. Best known.
    gbMonth: 0.1,
} as const;

export const CLOUD_STORAGE = {
    // Source: https://cloud.google.com/storage/pricing, read 2026-11-23. Standard class, regional. Best known.
    standardGbMonth: 0.02,
} as const;

export const CLOUD_DNS = {
    // Source: https://cloud.google.com/dns/pricing, read 2026-11-23. First 25 zones. Best known.
    managedZoneMonth: 0.2,
} as const;

export const PUBSUB = {
    // Source: https://cloud.google.com/pubsub/pricing, read 2026-11-23. Throughput, per TiB. Best known.
    perTib: 40,
} as const;
