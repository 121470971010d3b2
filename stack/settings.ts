// Stack settings: how big and where. Read from the stack's config (Pulumi.<stack>.yaml), checked
// field by field, and turned into one typed object. Everything per-stack lives here; the catalog
// says what exists, these settings say how much of it.

import { STACKS, StackName } from "../policy-pack/conventions";
import { CPU_SIZES, Cpu, MEMORY_SIZES, Memory } from "../catalog/types";
import { IssueList, show } from "./issues";

export interface DatabaseSettings {
    /** `shared`: one instance holds every database (staging). `dedicated`: one instance per catalog instance. */
    readonly layout: "shared" | "dedicated";
    readonly version: PostgresVersion;
    readonly tier: string;
    readonly availability: "ZONAL" | "REGIONAL";
    readonly diskSizeGb: number;
    readonly diskType: "PD_SSD" | "PD_HDD";
    readonly pointInTimeRecovery: boolean;
    readonly retainedBackups: number;
    /** Days of write-ahead log kept for point-in-time recovery (1 to 7). */
    readonly logRetentionDays: number;
    readonly deletionProtection: boolean;
    readonly maxConnections: number;
    /** Queries slower than this are logged (log_min_duration_statement). */
    readonly slowQueryMs: number;
    /** UTC start of the daily backup window, HH:MM. */
    readonly backupStartTime: string;
    /** Maintenance window: day 1 (Monday) to 7 (Sunday), hour 0-23 UTC. */
    readonly maintenanceDay: number;
    readonly maintenanceHour: number;
}

export const POSTGRES_VERSIONS = ["POSTGRES_15", "POSTGRES_16", "POSTGRES_17"] as const;
export type PostgresVersion = (typeof POSTGRES_VERSIONS)[number];

export interface ServiceOverride {
    readonly min?: number;
    readonly max?: number;
    readonly cpu?: Cpu;
    readonly memory?: Memory;
}

export interface StackSettings {
    readonly stack: StackName;
    readonly project: string;
    /** Needed by billing budgets and Pub/Sub service-agent grants, which take the number, not the id. */
    readonly projectNumber: string;
    readonly region: string;
    /** Prepended to physical names, for several platforms in one project. */
    readonly namePrefix: string;
    /** Image tag per service: a rollback is a config change and `pulumi up`. */
    readonly imageTags: Readonly<Record<string, string>>;
    readonly registry: { readonly repository: string; readonly keepRecent: number; readonly untaggedDays: number };
    readonly services: {
        readonly deletionProtection: boolean;
        readonly overrides: Readonly<Record<string, ServiceOverride>>;
    };
    readonly database: DatabaseSettings;
    readonly network: { readonly subnetCidr: string; readonly privateServicesPrefixLength: number };
    readonly redis: { readonly enabled: boolean; readonly tier: "BASIC" | "STANDARD_HA"; readonly memorySizeGb: number };
    readonly budget: { readonly billingAccount: string; readonly amountUsd: number };
    readonly alerts: { readonly emails: readonly string[]; readonly slackChannel?: string };
    readonly github: {
        readonly repository: string;
        /** Git ref allowed to deploy this stack, e.g. refs/heads/main. */
        readonly deployRef: string;
        /** GitHub environment the deploy job runs in; when set, the deployer also requires it. */
        readonly environment?: string;
    };
}

/** The config namespace of this program (the `name` in Pulumi.yaml). */
export const CONFIG_NAMESPACE = "mindmirror";

/** Keys of the config objects; anything else under the namespace is a typo. */
const KNOWN_KEYS = [
    "namePrefix", "projectNumber", "imageTags", "registry", "services", "database", "network", "redis",
    "budget", "alerts", "github",
    // Secret values read by components, not by settings.
    "openaiApiKey", "qdrantApiKey", "supabaseServiceRoleKey", "slackAuthToken",
] as const;

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+[0-9]$/;
const BILLING_ACCOUNT = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const GITHUB_REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const SQL_TIER = /^db-(f1-micro|g1-small|custom-\d+-\d+|perf-optimized-N-\d+)$/;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const PREFIX = /^([a-z][a-z0-9]{0,7}-)?$/;

/**
 * Parses the stack's whole config (full keys such as `gcp:project` or `mindmirror:budget`, values as
 * the engine hands them: strings, objects as JSON) into settings, or the list of everything wrong.
 */
export function parseSettings(
    stack: string,
    config: Readonly<Record<string, string>>,
): { settings?: StackSettings; issues: IssueList } {
    const issues = new IssueList();
    const r = new Reader(config, issues);

    if (!(STACKS as readonly string[]).includes(stack)) {
        issues.add("stack", `${show(stack)} is not a stack of this platform; use one of ${STACKS.join(", ")}.`);
    }
    for (const key of Object.keys(config)) {
        const [ns, name] = key.split(":");
        if (ns === CONFIG_NAMESPACE && !(KNOWN_KEYS as readonly string[]).includes(name)) {
            issues.add(`config ${key}`, `is not a setting of this program; known settings are ${KNOWN_KEYS.join(", ")}.`);
        }
    }

    const project = r.string("gcp:project", PROJECT_ID, "a GCP project id (6-30 lowercase letters, digits, hyphens)");
    const region = r.string("gcp:region", REGION, "a GCP region such as us-central1");
    const projectNumber = r.string(`${CONFIG_NAMESPACE}:projectNumber`, /^\d{6,20}$/, "the project's number (digits)");
    const namePrefix = r.optionalString(`${CONFIG_NAMESPACE}:namePrefix`, PREFIX, "empty or up to 8 lowercase letters/digits followed by a hyphen") ?? "";

    const tags = r.object(`${CONFIG_NAMESPACE}:imageTags`);
    const imageTags: Record<string, string> = {};
    for (const [svc, tag] of Object.entries(tags ?? {})) {
        if (typeof tag !== "string" || !IMAGE_TAG.test(tag)) {
            issues.add(`config ${CONFIG_NAMESPACE}:imageTags.${svc}`, `${show(tag)} is not a Docker tag (letters, digits, '.', '_', '-'; at most 128).`);
        } else {
            imageTags[svc] = tag;
        }
    }

    const reg = r.object(`${CONFIG_NAMESPACE}:registry`) ?? {};
    const registry = {
        repository: r.field(reg, `${CONFIG_NAMESPACE}:registry`, "repository", "string", "services") as string,
        keepRecent: r.int(reg, `${CONFIG_NAMESPACE}:registry`, "keepRecent", 10, 1, 100),
        untaggedDays: r.int(reg, `${CONFIG_NAMESPACE}:registry`, "untaggedDays", 30, 1, 365),
    };

    const svc = r.object(`${CONFIG_NAMESPACE}:services`) ?? {};
    const overridesRaw = svc["overrides"];
    const overrides: Record<string, ServiceOverride> = {};
    if (overridesRaw !== undefined && !isRecord(overridesRaw)) {
        issues.add(`config ${CONFIG_NAMESPACE}:services.overrides`, "must be a map of service name to { min, max, cpu, memory }.");
    }
    for (const [name, o] of Object.entries(isRecord(overridesRaw) ? overridesRaw : {})) {
        overrides[name] = readOverride(r, `${CONFIG_NAMESPACE}:services.overrides.${name}`, o);
    }
    const services = {
        deletionProtection: r.field(svc, `${CONFIG_NAMESPACE}:services`, "deletionProtection", "boolean") as boolean,
        overrides,
    };

    const db = r.object(`${CONFIG_NAMESPACE}:database`) ?? {};
    const dbPath = `${CONFIG_NAMESPACE}:database`;
    const database: DatabaseSettings = {
        layout: r.oneOf(db, dbPath, "layout", ["shared", "dedicated"] as const),
        version: r.oneOf(db, dbPath, "version", POSTGRES_VERSIONS, "POSTGRES_17"),
        tier: r.matching(db, dbPath, "tier", SQL_TIER, "a Cloud SQL tier such as db-f1-micro, db-g1-small or db-custom-2-7680"),
        availability: r.oneOf(db, dbPath, "availability", ["ZONAL", "REGIONAL"] as const),
        diskSizeGb: r.int(db, dbPath, "diskSizeGb", 10, 10, 65536),
        diskType: r.oneOf(db, dbPath, "diskType", ["PD_SSD", "PD_HDD"] as const, "PD_SSD"),
        pointInTimeRecovery: r.field(db, dbPath, "pointInTimeRecovery", "boolean") as boolean,
        retainedBackups: r.int(db, dbPath, "retainedBackups", undefined, 1, 365),
        logRetentionDays: r.int(db, dbPath, "logRetentionDays", 7, 1, 7),
        deletionProtection: r.field(db, dbPath, "deletionProtection", "boolean") as boolean,
        maxConnections: r.int(db, dbPath, "maxConnections", 50, 14, 262143),
        slowQueryMs: r.int(db, dbPath, "slowQueryMs", 1000, 0, 3_600_000),
        backupStartTime: r.matching(db, dbPath, "backupStartTime", HH_MM, "a UTC time HH:MM", "03:00"),
        maintenanceDay: r.int(db, dbPath, "maintenanceDay", 7, 1, 7),
        maintenanceHour: r.int(db, dbPath, "maintenanceHour", 3, 0, 23),
    };

    const net = r.object(`${CONFIG_NAMESPACE}:network`) ?? {};
    const netPath = `${CONFIG_NAMESPACE}:network`;
    const network = {
        subnetCidr: r.matching(net, netPath, "subnetCidr", CIDR, "an IPv4 CIDR such as 10.10.0.0/22", "10.10.0.0/22"),
        privateServicesPrefixLength: r.int(net, netPath, "privateServicesPrefixLength", 20, 16, 24),
    };
    const cidr = CIDR.exec(network.subnetCidr);
    if (cidr && (cidr.slice(1, 5).some((o) => Number(o) > 255) || Number(cidr[5]) < 8 || Number(cidr[5]) > 29)) {
        issues.add(`config ${netPath}.subnetCidr`, `${show(network.subnetCidr)} is not a usable subnet; octets are 0-255 and the prefix 8 to 29.`);
    }

    const red = r.object(`${CONFIG_NAMESPACE}:redis`) ?? {};
    const redPath = `${CONFIG_NAMESPACE}:redis`;
    const redis = {
        enabled: (r.field(red, redPath, "enabled", "boolean", false) as boolean),
        tier: r.oneOf(red, redPath, "tier", ["BASIC", "STANDARD_HA"] as const, "BASIC"),
        memorySizeGb: r.int(red, redPath, "memorySizeGb", 1, 1, 300),
    };

    const bud = r.object(`${CONFIG_NAMESPACE}:budget`);
    const budPath = `${CONFIG_NAMESPACE}:budget`;
    if (bud === undefined) issues.add(`config ${budPath}`, "is missing; every stack needs a billing budget { billingAccount, amountUsd }.");
    // A missing budget is one problem, not one per field.
    const budgetReader = bud === undefined ? new Reader(config, new IssueList()) : r;
    const budget = {
        billingAccount: budgetReader.matching(bud ?? {}, budPath, "billingAccount", BILLING_ACCOUNT, "a billing account id like 012345-6789AB-CDEF01"),
        amountUsd: budgetReader.int(bud ?? {}, budPath, "amountUsd", undefined, 1, 1_000_000),
    };

    const al = r.object(`${CONFIG_NAMESPACE}:alerts`) ?? {};
    const alPath = `${CONFIG_NAMESPACE}:alerts`;
    const emailsRaw = al["emails"];
    const emails: string[] = [];
    if (!Array.isArray(emailsRaw) || emailsRaw.length === 0) {
        issues.add(`config ${alPath}.emails`, "needs at least one address to notify.");
    } else {
        emailsRaw.forEach((e, i) => {
            if (typeof e === "string" && EMAIL.test(e)) emails.push(e);
            else issues.add(`config ${alPath}.emails[${i}]`, `${show(e)} is not an email address.`);
        });
    }
    const slackChannel = r.field(al, alPath, "slackChannel", "string", null) as string | null;
    const channelCount = (Array.isArray(emailsRaw) ? emailsRaw.length : 0) + (slackChannel ? 1 : 0);
    if (channelCount > 5) issues.add(`config ${alPath}`, `${channelCount} notification channels (emails plus Slack); a billing budget takes at most 5.`);

    const gh = r.object(`${CONFIG_NAMESPACE}:github`) ?? {};
    const ghPath = `${CONFIG_NAMESPACE}:github`;
    const github = {
        repository: r.matching(gh, ghPath, "repository", GITHUB_REPO, "owner/name of the GitHub repository"),
        deployRef: r.matching(gh, ghPath, "deployRef", /^refs\/(heads|tags)\/[A-Za-z0-9._\/*-]+$/, "a git ref such as refs/heads/main"),
        environment: (r.field(gh, ghPath, "environment", "string", null) as string | null) ?? undefined,
    };

    if (!issues.ok) return { issues };
    return {
        issues,
        settings: {
            stack: stack as StackName,
            project, projectNumber, region, namePrefix, imageTags, registry, services, database, network, redis, budget,
            alerts: slackChannel ? { emails, slackChannel } : { emails },
            github,
        },
    };
}

function readOverride(r: Reader, path: string, raw: unknown): ServiceOverride {
    if (!isRecord(raw)) {
        r.issues.add(`config ${path}`, "must be an object with any of min, max, cpu, memory.");
        return {};
    }
    for (const k of Object.keys(raw)) {
        if (!["min", "max", "cpu", "memory"].includes(k)) r.issues.add(`config ${path}.${k}`, "is not an override; use min, max, cpu or memory.");
    }
    const o: { min?: number; max?: number; cpu?: Cpu; memory?: Memory } = {};
    if (raw["min"] !== undefined) o.min = r.int(raw, path, "min", undefined, 0, 1000);
    if (raw["max"] !== undefined) o.max = r.int(raw, path, "max", undefined, 1, 1000);
    if (raw["cpu"] !== undefined) o.cpu = r.oneOf(raw, path, "cpu", CPU_SIZES);
    if (raw["memory"] !== undefined) {
        const m = raw["memory"];
        if (typeof m === "string" && (MEMORY_SIZES as readonly string[]).includes(m)) o.memory = m as Memory;
        else r.issues.add(`config ${path}.memory`, `${show(m)} is not a Cloud Run memory size; use a value like 512Mi or 2Gi (one of ${MEMORY_SIZES.join(", ")}).`);
    }
    return o;
}

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Typed reads of config values, each reporting into one issue list. */
class Reader {
    constructor(private readonly config: Readonly<Record<string, string>>, readonly issues: IssueList) {}

    string(key: string, pattern: RegExp, what: string): string {
        const v = this.config[key];
        if (v === undefined || v === "") {
            this.issues.add(`config ${key}`, `is missing; set it to ${what} (pulumi config set ${key} <value>).`);
            return "";
        }
        if (!pattern.test(v)) this.issues.add(`config ${key}`, `${show(v)} is not ${what}.`);
        return v;
    }

    optionalString(key: string, pattern: RegExp, what: string): string | undefined {
        const v = this.config[key];
        if (v === undefined) return undefined;
        if (!pattern.test(v)) this.issues.add(`config ${key}`, `${show(v)} is not ${what}.`);
        return v;
    }

    object(key: string): Record<string, unknown> | undefined {
        const v = this.config[key];
        if (v === undefined) return undefined;
        try {
            const parsed: unknown = JSON.parse(v);
            if (isRecord(parsed)) return parsed;
        } catch {
            // reported below
        }
        this.issues.add(`config ${key}`, "must be an object (a YAML map in Pulumi.<stack>.yaml).");
        return undefined;
    }

    field(obj: Record<string, unknown>, path: string, name: string, type: "string" | "boolean", fallback?: string | boolean | null): unknown {
        const v = obj[name];
        if (v === undefined) {
            if (fallback !== undefined) return fallback;
            this.issues.add(`config ${path}.${name}`, `is missing; it must be a ${type}.`);
            return type === "string" ? "" : false;
        }
        if (typeof v !== type) {
            this.issues.add(`config ${path}.${name}`, `${show(v)} is not a ${type}.`);
            return type === "string" ? "" : false;
        }
        return v;
    }

    int(obj: Record<string, unknown>, path: string, name: string, fallback: number | undefined, min: number, max: number): number {
        const v = obj[name];
        if (v === undefined) {
            if (fallback !== undefined) return fallback;
            this.issues.add(`config ${path}.${name}`, `is missing; it must be a whole number from ${min} to ${max}.`);
            return min;
        }
        if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
            this.issues.add(`config ${path}.${name}`, `${show(v)} is not a whole number from ${min} to ${max}.`);
            return min;
        }
        return v;
    }

    oneOf<T extends string>(obj: Record<string, unknown>, path: string, name: string, allowed: readonly T[], fallback?: T): T {
        const v = obj[name];
        if (v === undefined && fallback !== undefined) return fallback;
        if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
        this.issues.add(`config ${path}.${name}`, v === undefined
            ? `is missing; use one of ${allowed.join(", ")}.`
            : `${show(v)} is not allowed; use one of ${allowed.join(", ")}.`);
        return allowed[0];
    }

    matching(obj: Record<string, unknown>, path: string, name: string, pattern: RegExp, what: string, fallback?: string): string {
        const v = obj[name];
        if (v === undefined && fallback !== undefined) return fallback;
        if (typeof v === "string" && pattern.test(v)) return v;
        this.issues.add(`config ${path}.${name}`, v === undefined ? `is missing; set it to ${what}.` : `${show(v)} is not ${what}.`);
        return "";
    }
}
