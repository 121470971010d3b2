// Stack settings: how big and where. The schema of `Pulumi.<stack>.yaml` under our namespace,
// declared field by field with stack/schema.ts (type, default, message): an unknown key at any level
// is an error naming the closest known one, a secret key holding a plain value is an error with the
// command that fixes it, and every problem is reported at once. Add a key here with its type,
// default and message; the settings type follows from the schema.

import { STACKS, StackName } from "../policy-pack/conventions";
import { CPU_SIZES, MEMORY_SIZES } from "../catalog/types";
import { GCP_REGIONS, IMAGE_DIGEST, MOVING_TAGS, checkSubnetCidr } from "./gcp-rules";
import { FEATURE_FIELDS, featureChecks } from "./features";
import { IssueList, show } from "./issues";
import {
    Fields, InferFields, Schema, boolean, closest, fromConfigString, int, list, object, oneOf, optional,
    readFieldsPartial, record, removed, secret, string,
} from "./schema";

/** The config namespace of this program (the `name` in Pulumi.yaml). */
export const CONFIG_NAMESPACE = "mindmirror";

export const POSTGRES_VERSIONS = ["POSTGRES_15", "POSTGRES_16", "POSTGRES_17"] as const;
export type PostgresVersion = (typeof POSTGRES_VERSIONS)[number];

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const BILLING_ACCOUNT = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const SQL_TIER = /^db-(f1-micro|g1-small|custom-\d+-\d+|perf-optimized-N-\d+)$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const PREFIX = /^([a-z][a-z0-9]{0,7}-)?$/;
const SLACK_CHANNEL = /^#?[a-z0-9][a-z0-9._-]{0,79}$/;

/**
 * Plain env for this stack (`SUPABASE_URL`, `LOG_LEVEL`), over the catalog's. Never a secret:
 * stack/plan.ts refuses names and values that look like one (plainEnvProblem).
 */
const plainEnv = optional(record(string("a plain value on one line (at most 4096 characters)", /^[^\n]{0,4096}$/), { key: { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, what: "an environment variable name (letters, digits, '_', not starting with a digit)" } }));

/** One service's sizes and env in this stack, over the catalog's. */
const serviceOverride = object({
    min: optional(int(0, 1000)),
    max: optional(int(1, 1000)),
    cpu: optional(oneOf(CPU_SIZES)),
    memory: optional(oneOf(MEMORY_SIZES, { message: `a Cloud Run memory size; use a value like 512Mi or 2Gi (one of ${MEMORY_SIZES.join(", ")})` })),
    /** This service's env in this stack, over `services.env` and the catalog's. */
    env: plainEnv,
});

/** Every key under `mindmirror:` in Pulumi.<stack>.yaml. */
export const SETTINGS_FIELDS = {
    /** Prepended to physical names, for several platforms in one project. */
    namePrefix: string("empty or up to 8 lowercase letters/digits followed by a hyphen", PREFIX, { default: "" }),
    /** Needed by billing budgets and Pub/Sub service-agent grants, which take the number, not the id. */
    projectNumber: string("the project's number (digits)", /^\d{6,20}$/),
    /** Image per service: a release tag (main-<sha>, v1.2.3) or a digest (sha256:...). A rollback is a config change and `pulumi up`. */
    imageTags: record(string("a Docker tag (letters, digits, '.', '_', '-'; at most 128) or a digest sha256:<64 hex>", new RegExp(`${IMAGE_TAG.source}|${IMAGE_DIGEST.source}`)), ),
    registry: object({
        repository: string("an Artifact Registry repository id (lowercase letters, digits, hyphens)", /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/, { default: "services" }),
        keepRecent: int(1, 100, { default: 10 }),
        untaggedDays: int(1, 365, { default: 30 }),
    }),
    services: object({
        deletionProtection: boolean(),
        /** Env for every service in this stack (LOG_LEVEL, SUPABASE_URL), over the catalog's. */
        env: plainEnv,
        overrides: record(serviceOverride, { default: {} }),
    }),
    database: object({
        /** `shared`: one instance holds every database. `dedicated`: one instance per catalog instance. */
        layout: oneOf(["shared", "dedicated"] as const),
        version: oneOf(POSTGRES_VERSIONS, { default: "POSTGRES_17" }),
        tier: string("a Cloud SQL tier such as db-f1-micro, db-g1-small or db-custom-2-7680", SQL_TIER),
        availability: oneOf(["ZONAL", "REGIONAL"] as const),
        diskSizeGb: int(10, 65536, { default: 10 }),
        diskType: oneOf(["PD_SSD", "PD_HDD"] as const, { default: "PD_SSD" }),
        pointInTimeRecovery: boolean(),
        retainedBackups: int(1, 365),
        /** Days of write-ahead log kept for point-in-time recovery (1 to 7). */
        logRetentionDays: int(1, 7, { default: 7 }),
        deletionProtection: removed("protection is per kind of data now: set mindmirror:dataProtection { instances, databases, secrets }."),
        maxConnections: int(14, 262143, { default: 50 }),
        /** Queries slower than this are logged (log_min_duration_statement). */
        slowQueryMs: int(0, 3_600_000, { default: 1000 }),
        /** UTC start of the daily backup window, HH:MM. */
        backupStartTime: string("a UTC time HH:MM", HH_MM, { default: "03:00" }),
        /** Maintenance window: day 1 (Monday) to 7 (Sunday), hour 0-23 UTC. */
        maintenanceDay: int(1, 7, { default: 7 }),
        maintenanceHour: int(0, 23, { default: 3 }),
    }),
    /**
     * How hard each kind of data is to lose. Each kind is protected on its own, so revoking a grant or
     * resizing an instance never needs `pulumi state unprotect`.
     */
    dataProtection: object({
        /** Cloud SQL instances: Pulumi protect, deletion protection in Google Cloud, and a final backup kept after deletion. */
        instances: boolean(),
        /** Databases, their users and generated passwords: Pulumi protect. */
        databases: boolean(),
        /** Secret Manager secrets and their versions: Pulumi protect and the provider's deletion protection. Access grants are never protected. */
        secrets: boolean(),
        /** The documents bucket: Pulumi protect, and no force-destroy of its objects. */
        documents: boolean({ default: true }),
        /** Days Cloud SQL keeps an instance's final backup after the instance is deleted. */
        finalBackupDays: int(1, 365, { default: 30 }),
    }),
    network: object({
        subnetCidr: string("an IPv4 CIDR such as 10.10.0.0/22", /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, { default: "10.10.0.0/22" }),
        privateServicesPrefixLength: int(16, 24, { default: 20 }),
    }),
    redis: object({
        enabled: boolean({ default: false }),
        tier: oneOf(["BASIC", "STANDARD_HA"] as const, { default: "BASIC" }),
        memorySizeGb: int(1, 300, { default: 1 }),
    }),
    budget: object({
        billingAccount: string("a billing account id like 012345-6789AB-CDEF01", BILLING_ACCOUNT),
        amountUsd: int(1, 1_000_000),
    }, { whenMissing: "every stack needs a billing budget { billingAccount, amountUsd }" }),
    alerts: object({
        emails: list(string("an email address", EMAIL), { min: 1, message: "at least one address to notify" }),
        /** Slack channel for alerts; needs the secret `mindmirror:slackAuthToken`. */
        slackChannel: optional(string("a Slack channel name such as #alerts-production", SLACK_CHANNEL)),
    }),
    /** Optional features, one switch each: documents, warmInstances, login, operatorAccess, edge (stack/features.ts). */
    ...FEATURE_FIELDS,
    /** Slack bot token for alert notifications (secret). */
    slackAuthToken: optional(secret(string("a Slack bot token"))),
} satisfies Fields;

type NamespaceSettings = InferFields<typeof SETTINGS_FIELDS>;

export interface StackSettings extends Omit<NamespaceSettings, "slackAuthToken"> {
    readonly stack: StackName;
    readonly project: string;
    readonly region: string;
}
export type DatabaseSettings = StackSettings["database"];
export type ServiceOverride = StackSettings["services"]["overrides"][string];

/** What the program knows beyond the config values themselves. */
export interface SettingsContext {
    /** Full keys the engine holds encrypted (PULUMI_CONFIG_SECRET_KEYS). */
    readonly secretKeys?: readonly string[];
    /** Config keys of the catalog's external secrets (`pulumi config set --secret mindmirror:<key>`). */
    readonly externalSecretKeys?: readonly string[];
}

/**
 * Parses the stack's whole config (full keys such as `gcp:project` or `mindmirror:budget`, values as
 * the engine hands them: strings, objects as JSON) into settings, or the list of everything wrong.
 */
export function parseSettings(
    stack: string,
    config: Readonly<Record<string, string>>,
    context: SettingsContext = {},
): { settings?: StackSettings; issues: IssueList } {
    const issues = new IssueList();
    const secretKeys = new Set(context.secretKeys ?? []);

    if (!(STACKS as readonly string[]).includes(stack)) {
        issues.add("stack", `${show(stack)} is not a stack of this platform; use one of ${STACKS.join(", ")}.`);
    }

    const project = readGcp(config, "gcp:project", issues, "a GCP project id (6-30 lowercase letters, digits, hyphens)", (v) => PROJECT_ID.test(v));
    const region = readGcp(config, "gcp:region", issues, "a GCP region such as us-central1", (v) => (GCP_REGIONS as readonly string[]).includes(v), (v) => {
        const near = closest(v, GCP_REGIONS);
        return `${show(v)} is not a Google Cloud region; ${near ? `did you mean ${show(near)}? ` : ""}regions: ${GCP_REGIONS.join(", ")}.`;
    });

    // Our namespace: the declared fields plus one secret per external secret of the catalog.
    const fields: Record<string, Schema<unknown>> = { ...SETTINGS_FIELDS };
    for (const key of context.externalSecretKeys ?? []) {
        if (!(key in fields)) fields[key] = optional(secret(string("the secret's value")));
    }
    const at = (key: string) => `config ${CONFIG_NAMESPACE}:${key}`;
    const raw: Record<string, unknown> = {};
    for (const [fullKey, value] of Object.entries(config)) {
        const sep = fullKey.indexOf(":");
        if (fullKey.slice(0, sep) !== CONFIG_NAMESPACE) continue;
        const key = fullKey.slice(sep + 1);
        const field = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
        if (field?.secret && !secretKeys.has(fullKey)) {
            issues.add(at(key), `holds a plain value, but it is a secret: anyone who can read Pulumi.${stack}.yaml can read it. Remove it from the file and store it encrypted: pulumi config set --secret ${fullKey} <value> --stack ${stack}`);
        }
        Object.defineProperty(raw, key, { value: field ? fromConfigString(field, value, at(key), issues) : value, enumerable: true, writable: true });
    }
    const read = readFieldsPartial(fields as typeof SETTINGS_FIELDS, raw, at, issues, "is not a setting of this program");
    crossChecks(stack, read.value, raw, issues, at);
    featureChecks(read.value, issues, at);
    const ns = read.value as NamespaceSettings;
    if (!issues.ok || !read.ok) return { issues };
    const { slackAuthToken: _token, ...rest } = ns;
    void _token;
    for (const key of context.externalSecretKeys ?? []) delete (rest as Record<string, unknown>)[key];
    return { issues, settings: { ...rest, stack: stack as StackName, project, region } };
}

/** Rules that tie fields together, or that GCP applies beyond a field's shape. */
function crossChecks(stack: string, s: Partial<NamespaceSettings>, raw: Readonly<Record<string, unknown>>, issues: IssueList, at: (key: string) => string): void {
    if (s.network) {
        const cidr = checkSubnetCidr(s.network.subnetCidr);
        if (!cidr.ok) issues.add(`${at("network")}.subnetCidr`, `${show(s.network.subnetCidr)} ${cidr.reason}.`);
    }

    // Counted from what was written, so a bad address does not hide too many channels.
    const alerts = isRecord(raw["alerts"]) ? raw["alerts"] : {};
    const emails = Array.isArray(alerts["emails"]) ? (alerts["emails"] as unknown[]) : [];
    const channels = emails.length + (alerts["slackChannel"] ? 1 : 0);
    if (channels > 5) issues.add(at("alerts"), `${channels} notification channels (emails plus Slack); a billing budget takes at most 5.`);
    const seen = new Map<string, number>();
    emails.forEach((e, i) => {
        if (typeof e !== "string") return;
        const norm = e.trim().toLowerCase();
        if (seen.has(norm)) issues.add(`${at("alerts")}.emails[${i}]`, `${show(e)} repeats emails[${seen.get(norm)}]; each address is one notification channel, so list it once.`);
        else seen.set(norm, i);
    });
    if (s.alerts?.slackChannel && raw["slackAuthToken"] === undefined) {
        issues.add(`${at("alerts")}.slackChannel`, `is set but its token is not, so no Slack alert would be sent; set it with: pulumi config set --secret ${CONFIG_NAMESPACE}:slackAuthToken <token> --stack ${stack} (or remove slackChannel).`);
    }

    checkTags(stack, s, issues, at);
}

/** Production runs what was reviewed: a release tag or a digest, never a tag that moves. */
function checkTags(stack: string, s: Partial<NamespaceSettings>, issues: IssueList, at: (key: string) => string): void {
    if (stack === "production" && s.imageTags) {
        for (const [service, tag] of Object.entries(s.imageTags)) {
            if (MOVING_TAGS.test(tag)) {
                issues.add(`${at("imageTags")}.${service}`, `${show(tag)} is a moving tag; production deploys a release tag (v1.2.3) or a digest (sha256:...), so what runs is what was reviewed.`);
            }
        }
    }
}

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads a provider key (`gcp:project`), required. */
function readGcp(config: Readonly<Record<string, string>>, key: string, issues: IssueList, what: string, ok: (v: string) => boolean, bad?: (v: string) => string): string {
    const v = config[key];
    if (v === undefined || v === "") {
        issues.add(`config ${key}`, `is missing; set it to ${what} (pulumi config set ${key} <value>).`);
        return "";
    }
    if (!ok(v)) issues.add(`config ${key}`, bad ? bad(v) : `${show(v)} is not ${what}.`);
    return v;
}
