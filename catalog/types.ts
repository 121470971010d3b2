// The shapes of the catalog: what exists on the platform, as plain typed data.
// No Pulumi calls here. Keys of the maps are the stable identities of everything:
// they name physical resources and URNs, so reordering never replaces anything.

import { StackName } from "../policy-pack/conventions";

export { StackName };

/** Cloud Run CPU limits we allow. Fractional CPU forces concurrency 1, so it is not offered. */
export const CPU_SIZES = ["1", "2", "4", "6", "8"] as const;
export type Cpu = (typeof CPU_SIZES)[number];

/** Cloud Run memory limits we allow (binary units, as Cloud Run spells them). */
export const MEMORY_SIZES = ["512Mi", "1Gi", "2Gi", "4Gi", "8Gi", "16Gi", "24Gi", "32Gi"] as const;
export type Memory = (typeof MEMORY_SIZES)[number];

/** How a workload is reached. */
export const INGRESS_KINDS = ["internal", "public"] as const;
export type Ingress = (typeof INGRESS_KINDS)[number];

/** Per-stack values: one entry per stack, so a new stack is a compile error until it is sized. */
export type PerStack<T> = { readonly [S in StackName]: T };

export interface Scaling {
    /** Instances kept warm. 0 scales to zero. */
    readonly min: number;
    /** Ceiling that stops runaway cost. */
    readonly max: number;
}

export interface Resources {
    readonly cpu: Cpu;
    readonly memory: Memory;
    /**
     * true: request-based billing, CPU throttled between requests (cheapest).
     * false: instance-based billing, CPU always allocated (background work after a response).
     */
    readonly cpuIdle: boolean;
    /** Extra CPU during start-up, for faster cold starts. */
    readonly startupCpuBoost: boolean;
}

/** What a service may do with the documents bucket. */
export const DOCUMENTS_ACCESS = ["reader", "writer"] as const;
export type DocumentsAccess = (typeof DOCUMENTS_ACCESS)[number];

/** How a secret reaches a container. */
export type SecretMount =
    /** Mounted as a file at /secrets/<secret>/<file>; re-read on every access, so rotation needs no redeploy. */
    | { readonly as: "file"; readonly file?: string }
    /** An env var filled from Secret Manager when the instance starts. */
    | { readonly as: "env"; readonly env: string };

/** A secret read by a service, keyed by secret name. */
export type SecretReads<X extends string> = { readonly [K in X]?: SecretMount };

/** Database migrations run as a Cloud Run job with the service's image and identity. */
export interface Migrations {
    /** Command run by the job, e.g. ["alembic", "upgrade", "head"]. */
    readonly command: readonly string[];
}

/** A Pub/Sub push trigger: the platform creates the topic, a push subscription and the invoker grant. */
export interface PushTrigger<S extends string> {
    readonly topic: string;
    /** Path the push subscription posts to. */
    readonly path: string;
    /** Services that may publish to the topic. */
    readonly publishers: readonly S[];
}

/**
 * What an entry's key was called before, oldest first. Its cloud resources keep the names they were
 * created with (from the oldest key) and its state moves by aliases, so a rename replaces nothing.
 */
export interface Renamable {
    readonly formerly?: readonly string[];
}

export interface ServiceSpec<S extends string, D extends string, X extends string> extends Renamable {
    /** One line for humans, shown in the README diagram and labels. */
    readonly description: string;
    /** Artifact Registry image name (the tag comes from stack config). */
    readonly image: string;
    readonly port: number;
    readonly healthPath: string;
    /**
     * Real entry points a deploy's smoke test requests (GET, expecting a 2xx) on the new revision's
     * tagged URL, after the health path, before traffic moves. Public services only: the runner
     * cannot reach internal ones (their startup probe gates their revision instead).
     */
    readonly smokePaths?: readonly string[];
    readonly ingress: Ingress;
    readonly resources: Resources;
    readonly scaling: PerStack<Scaling>;
    /** Concurrent requests per instance. */
    readonly concurrency: number;
    /** Request timeout in seconds (Cloud Run allows 1 to 3600). */
    readonly timeoutSeconds: number;
    /** Plain, non-secret environment. Secret values never go here. */
    readonly env?: Readonly<Record<string, string>>;
    /** Secrets the service reads, and how. */
    readonly secrets?: SecretReads<X>;
    /** The one database this service owns. */
    readonly database?: D;
    /** Internal services this one calls: each edge becomes a run.invoker grant on the callee. */
    readonly calls?: readonly S[];
    readonly migrations?: Migrations;
    /** Work delivered by Pub/Sub push instead of callers. */
    readonly trigger?: PushTrigger<S>;
    /** Calls APIs on the public internet (OpenAI, Qdrant Cloud, Supabase). */
    readonly internet?: boolean;
    /** Reads the optional Redis instance (when the stack turns it on). */
    readonly redis?: boolean;
    /**
     * Access to the stack's documents bucket: `reader` gets object read, `writer` read and write,
     * on that bucket only. The bucket's name arrives as `DOCUMENTS_BUCKET`.
     */
    readonly documents?: DocumentsAccess;
    /**
     * Thresholds where the catalog's defaults do not fit this service. Each distinct value adds a
     * branch to the signal's one condition, never a condition of its own.
     */
    readonly alerts?: ServiceAlertThresholds;
    /**
     * Service level objectives, per stack (the seeds set different targets for the alpha and the
     * test stack). Each becomes a Cloud Monitoring SLO and a branch of the stack's burn-rate alert.
     */
    readonly slo?: PerStack<ServiceObjectives>;
}

/** What a service promises over the rolling period: availability and latency, both request-based. */
export interface ServiceObjectives {
    /** Share of requests answered without a 5xx, 0..1 (0.99 is "99 %"). */
    readonly availability: number;
    /** Share of requests (goal, 0..1) answered within thresholdMs: p95 < 500 ms is { goal: 0.95, thresholdMs: 500 }. */
    readonly latency: { readonly goal: number; readonly thresholdMs: number };
}

export interface ServiceAlertThresholds {
    /** 5xx responses over all responses, 0..1. */
    readonly errorRatio?: number;
    /** p95 request latency in milliseconds. */
    readonly latencyP95Ms?: number;
}

export interface DatabaseSpec extends Renamable {
    /** The Cloud SQL instance (in production) this database lives on. */
    readonly instance: string;
}

export type SecretSpec = Renamable & (
    /** Generated by the platform with @pulumi/random and stored as a secret version. */
    | { readonly source: "generated"; readonly description: string; readonly length: number }
    /**
     * Set by operators. Its value comes from `pulumi config set --secret <configKey>` when present,
     * otherwise the secret is created empty and an operator adds a version in Secret Manager.
     */
    | { readonly source: "external"; readonly description: string; readonly configKey: string });

/**
 * What the platform alerts on. Each signal is one alert policy per stack with one condition that
 * covers every service (or database instance), so adding a service adds no condition.
 */
export const ALERT_SIGNALS = [
    "5xx-ratio", "latency-p95", "instances-near-max", "uptime",
    "database-cpu", "database-memory", "database-disk", "database-connections",
    // SLO burn rates: one policy for every SLO of the stack, one condition per window.
    "slo-burn-fast", "slo-burn-slow",
    // Application errors counted from logs (severity >= ERROR), by service.
    "log-errors",
] as const;
export type AlertSignal = (typeof ALERT_SIGNALS)[number];

/** Default thresholds of the alert signals, and which signals each stack pays for. */
export interface AlertDefaults {
    /** 5xx responses over all responses, 0..1. */
    readonly errorRatio: number;
    /** p95 request latency in milliseconds. */
    readonly latencyP95Ms: number;
    /** Instance count over max instances, 0..1. */
    readonly instancesNearMax: number;
    readonly databaseCpu: number;
    readonly databaseMemory: number;
    readonly databaseDisk: number;
    /** Connections over max_connections, 0..1. */
    readonly databaseConnections: number;
    /** How long a condition must hold before it fires, in seconds. */
    readonly durationSeconds: number;
    /** Signals alerted on per stack (alerting is billed per condition, $1.50 a month each). */
    readonly signals: PerStack<readonly AlertSignal[]>;
}

/**
 * A multiwindow burn-rate rule (Google SRE workbook, "alerting on SLOs"): fires when the error
 * budget burns faster than `factor` times the sustainable rate over both the long and the short
 * window (the short one makes it stop soon after the burn stops).
 */
export interface BurnRateWindow {
    readonly factor: number;
    readonly longWindowSeconds: number;
    readonly shortWindowSeconds: number;
}

/** SLOs, logs and scanning: what the stack measures beyond the threshold alerts. */
export interface ObservabilityDefaults {
    /** Rolling period every SLO is measured over, in days. */
    readonly sloRollingDays: number;
    /** The burn-rate windows (signals slo-burn-fast and slo-burn-slow say which a stack pays for). */
    readonly burnRates: { readonly fast: BurnRateWindow; readonly slow: BurnRateWindow };
    /** Application errors (log entries with severity >= ERROR) per service in 5 minutes that page. */
    readonly logErrorsPer5m: number;
    /**
     * Artifact Analysis container scanning on the stack's registry (billed per image pushed). Where
     * it is off, the deploy gate scans with Trivy on the runner instead.
     */
    readonly containerScanning: PerStack<boolean>;
}

export interface Catalog<S extends string, D extends string, X extends string> {
    readonly services: { readonly [K in S]: ServiceSpec<NoInfer<S>, NoInfer<D>, NoInfer<X>> };
    readonly databases: { readonly [K in D]: DatabaseSpec };
    readonly secrets: { readonly [K in X]: SecretSpec };
    readonly alerts: AlertDefaults;
    readonly observability: ObservabilityDefaults;
}

/**
 * Declares a catalog with its names inferred from the map keys, so a service that calls or reads
 * something the catalog does not declare is a compile error.
 */
export function defineCatalog<S extends string, D extends string, X extends string>(
    catalog: Catalog<S, D, X>,
): Catalog<S, D, X> {
    return catalog;
}

/** A catalog with its names erased, for code that works on any catalog (validation, scale tests). */
export type AnyCatalog = Catalog<string, string, string>;
export type AnyServiceSpec = ServiceSpec<string, string, string>;
