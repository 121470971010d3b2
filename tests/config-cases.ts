// Bad stack configs, one per case, with the exact message each gets: the validation tests run them
// all, and the closing table of issue #9 is printed from them (`npx ts-node tests/config-cases.ts`).

import { SETTINGS_FIELDS } from "../stack/settings";
import { stackConfig } from "./helpers/stack-config";

export interface ConfigCase {
    /** The class of mistake (issue #9's list). */
    readonly kind: string;
    readonly stack: "staging" | "production";
    /** Full config keys to set (JSON for maps), or undefined to remove. */
    readonly config: Readonly<Record<string, string | undefined>>;
    /** Keys the engine holds encrypted. */
    readonly secretKeys?: readonly string[];
    /** Every issue the config gets, exactly. */
    readonly expect: readonly string[];
}

/** A stack file's map value with some fields changed, as the engine hands it (JSON). */
export function withMap(stack: "staging" | "production", key: string, change: Record<string, unknown>): Record<string, string> {
    return { [`mindmirror:${key}`]: JSON.stringify({ ...(JSON.parse(stackConfig(stack)[`mindmirror:${key}`] ?? "{}") as object), ...change }) };
}

const SECRET_HINT = (key: string, stack: string) =>
    `config mindmirror:${key}: holds a plain value, but it is a secret: anyone who can read Pulumi.${stack}.yaml can read it. Remove it from the file and store it encrypted: pulumi config set --secret mindmirror:${key} <value> --stack ${stack}`;
const DB_KEYS = "layout, version, tier, availability, diskSizeGb, diskType, pointInTimeRecovery, retainedBackups, logRetentionDays, maxConnections, slowQueryMs, backupStartTime, maintenanceDay, maintenanceHour";
/** Every top-level setting (other lanes add keys: the expected messages follow the schema). */
export const TOP_KEYS = Object.keys(SETTINGS_FIELDS).join(", ");

export const CONFIG_CASES: readonly ConfigCase[] = [
    // Typos below the top level.
    { kind: "nested typo", stack: "staging", config: withMap("staging", "redis", { enabled: undefined, enable: true }),
        expect: [`config mindmirror:redis.enable: is not a setting of mindmirror:redis; did you mean "enabled"? known: enabled, tier, memorySizeGb.`] },
    { kind: "nested typo", stack: "staging", config: withMap("staging", "database", { maxConection: 80 }),
        expect: [`config mindmirror:database.maxConection: is not a setting of mindmirror:database; did you mean "maxConnections"? known: ${DB_KEYS}.`] },
    { kind: "moved key", stack: "production", config: { "mindmirror:github": JSON.stringify({ repository: "mindmirror/mindmirror", environment: "production" }) },
        expect: [`config mindmirror:github: is not a setting of this program; known: ${TOP_KEYS}, openaiApiKey, qdrantApiKey, supabaseServiceRoleKey.`] },
    { kind: "nested typo", stack: "staging", config: withMap("staging", "services", { overrides: { agent: { mx: 3 } } }),
        expect: [`config mindmirror:services.overrides.agent.mx: is not a setting of mindmirror:services.overrides.agent; did you mean "max"? known: min, max, cpu, memory, env.`] },
    { kind: "nested typo", stack: "staging", config: withMap("staging", "budget", { amountUSD: 25 }),
        expect: [`config mindmirror:budget.amountUSD: is not a setting of mindmirror:budget; did you mean "amountUsd"? known: billingAccount, amountUsd.`] },
    { kind: "nested typo", stack: "staging", config: withMap("staging", "alerts", { emails: undefined, email: ["a@b.co"] }),
        expect: [
            `config mindmirror:alerts.email: is not a setting of mindmirror:alerts; did you mean "emails"? known: emails, slackChannel.`,
            "config mindmirror:alerts.emails: is missing; set it to at least one address to notify.",
        ] },
    { kind: "nested typo", stack: "staging", config: withMap("staging", "network", { subnetCidr: undefined, subnetCIDR: "10.10.0.0/22" }),
        expect: [`config mindmirror:network.subnetCIDR: is not a setting of mindmirror:network; did you mean "subnetCidr"? known: subnetCidr, privateServicesPrefixLength.`] },
    { kind: "nested typo", stack: "production", config: withMap("production", "dataProtection", { secret: true }),
        expect: [`config mindmirror:dataProtection.secret: is not a setting of mindmirror:dataProtection; did you mean "secrets"? known: instances, databases, secrets, documents, finalBackupDays.`] },
    { kind: "top-level typo", stack: "staging", config: { "mindmirror:imageTag": "{}" },
        expect: [`config mindmirror:imageTag: is not a setting of this program; did you mean "imageTags"? known: ${TOP_KEYS}, openaiApiKey, qdrantApiKey, supabaseServiceRoleKey.`] },
    { kind: "top-level typo", stack: "staging", config: { "mindmirror:dataabse": "{}" },
        expect: [`config mindmirror:dataabse: is not a setting of this program; did you mean "database"? known: ${TOP_KEYS}, openaiApiKey, qdrantApiKey, supabaseServiceRoleKey.`] },
    { kind: "wrong type", stack: "staging", config: withMap("staging", "redis", { enabled: "yes" }),
        expect: [`config mindmirror:redis.enabled: "yes" is not a boolean (true or false).`] },
    { kind: "wrong type", stack: "staging", config: { "mindmirror:alerts": JSON.stringify({ emails: "ops@mindmirror.app" }) },
        expect: [`config mindmirror:alerts.emails: "ops@mindmirror.app" is not a list; it must be at least one address to notify.`] },
    // Prototype keys.
    { kind: "prototype key", stack: "staging", config: { "mindmirror:database": `{"__proto__": {"deletionProtection": true}, ${stackConfig("staging")["mindmirror:database"].slice(1)}` },
        expect: [`config mindmirror:database.__proto__: "__proto__" cannot be a key: it names JavaScript's object prototype, not a setting.`] },
    { kind: "prototype key", stack: "staging", config: { "mindmirror:constructor": "{}" },
        expect: [`config mindmirror:constructor: "constructor" cannot be a key: it names JavaScript's object prototype, not a setting.`] },
    { kind: "prototype key", stack: "staging", config: withMap("staging", "imageTags", { prototype: "main-1" }),
        expect: [`config mindmirror:imageTags.prototype: "prototype" cannot be a key: it names JavaScript's object prototype, not a setting.`] },
    { kind: "prototype key", stack: "staging", config: withMap("staging", "services", { overrides: JSON.parse(`{"agent": {"__proto__": {"max": 99}}}`) as object }),
        expect: [`config mindmirror:services.overrides.agent.__proto__: "__proto__" cannot be a key: it names JavaScript's object prototype, not a setting.`] },
    // Secrets in plain text.
    { kind: "plaintext secret", stack: "staging", config: { "mindmirror:openaiApiKey": "sk-live-123" }, expect: [SECRET_HINT("openaiApiKey", "staging")] },
    { kind: "plaintext secret", stack: "production", config: { "mindmirror:slackAuthToken": "xoxb-1" }, expect: [SECRET_HINT("slackAuthToken", "production")] },
    { kind: "plaintext secret", stack: "production", config: { "mindmirror:supabaseServiceRoleKey": "eyJhbGciOi" }, expect: [SECRET_HINT("supabaseServiceRoleKey", "production")] },
    // GCP's rules.
    { kind: "region", stack: "staging", config: { "gcp:region": "moon-base1" },
        expect: [`config gcp:region: "moon-base1" is not a Google Cloud region; regions: africa-south1, asia-east1, asia-east2, asia-northeast1, asia-northeast2, asia-northeast3, asia-south1, asia-south2, asia-southeast1, asia-southeast2, australia-southeast1, australia-southeast2, europe-central2, europe-north1, europe-north2, europe-southwest1, europe-west1, europe-west2, europe-west3, europe-west4, europe-west6, europe-west8, europe-west9, europe-west10, europe-west12, me-central1, me-central2, me-west1, northamerica-northeast1, northamerica-northeast2, northamerica-south1, southamerica-east1, southamerica-west1, us-central1, us-east1, us-east4, us-east5, us-south1, us-west1, us-west2, us-west3, us-west4.`] },
    { kind: "region", stack: "staging", config: { "gcp:region": "us-centrall1" },
        expect: [`config gcp:region: "us-centrall1" is not a Google Cloud region; did you mean "us-central1"? regions: africa-south1, asia-east1, asia-east2, asia-northeast1, asia-northeast2, asia-northeast3, asia-south1, asia-south2, asia-southeast1, asia-southeast2, australia-southeast1, australia-southeast2, europe-central2, europe-north1, europe-north2, europe-southwest1, europe-west1, europe-west2, europe-west3, europe-west4, europe-west6, europe-west8, europe-west9, europe-west10, europe-west12, me-central1, me-central2, me-west1, northamerica-northeast1, northamerica-northeast2, northamerica-south1, southamerica-east1, southamerica-west1, us-central1, us-east1, us-east4, us-east5, us-south1, us-west1, us-west2, us-west3, us-west4.`] },
    { kind: "CIDR", stack: "staging", config: withMap("staging", "network", { subnetCidr: "10.10.1.0/22" }),
        expect: [`config mindmirror:network.subnetCidr: "10.10.1.0/22" has host bits set; GCP takes the network address 10.10.0.0/22.`] },
    { kind: "CIDR", stack: "staging", config: withMap("staging", "network", { subnetCidr: "10.10.0.0/30" }),
        expect: [`config mindmirror:network.subnetCidr: "10.10.0.0/30" has prefix /30; a GCP subnet takes /8 to /29.`] },
    { kind: "CIDR", stack: "staging", config: withMap("staging", "network", { subnetCidr: "10.300.0.0/22" }),
        expect: [`config mindmirror:network.subnetCidr: "10.300.0.0/22" has an octet above 255.`] },
    { kind: "duplicate alert email", stack: "production", config: withMap("production", "alerts", { emails: ["oncall@mindmirror.app", "OnCall@mindmirror.app"] }),
        expect: [`config mindmirror:alerts.emails[1]: "OnCall@mindmirror.app" repeats emails[0]; each address is one notification channel, so list it once.`] },
    { kind: "Slack without token", stack: "staging", config: withMap("staging", "alerts", { slackChannel: "#alerts-staging" }),
        expect: [`config mindmirror:alerts.slackChannel: is set but its token is not, so no Slack alert would be sent; set it with: pulumi config set --secret mindmirror:slackAuthToken <token> --stack staging (or remove slackChannel).`] },
    { kind: "duplicate alert email", stack: "staging", config: withMap("staging", "alerts", { emails: ["a@mindmirror.app", "b@mindmirror.app", "a@mindmirror.app"] }),
        expect: [`config mindmirror:alerts.emails[2]: "a@mindmirror.app" repeats emails[0]; each address is one notification channel, so list it once.`] },
    { kind: "region", stack: "production", config: { "gcp:region": "europe-west13" },
        expect: [`config gcp:region: "europe-west13" is not a Google Cloud region; did you mean "europe-west1"? regions: ${"africa-south1, asia-east1, asia-east2, asia-northeast1, asia-northeast2, asia-northeast3, asia-south1, asia-south2, asia-southeast1, asia-southeast2, australia-southeast1, australia-southeast2, europe-central2, europe-north1, europe-north2, europe-southwest1, europe-west1, europe-west2, europe-west3, europe-west4, europe-west6, europe-west8, europe-west9, europe-west10, europe-west12, me-central1, me-central2, me-west1, northamerica-northeast1, northamerica-northeast2, northamerica-south1, southamerica-east1, southamerica-west1, us-central1, us-east1, us-east4, us-east5, us-south1, us-west1, us-west2, us-west3, us-west4"}.`] },
    // Immutable releases.
    { kind: "moving image tag", stack: "production", config: withMap("production", "imageTags", { web: "latest" }),
        expect: [`config mindmirror:imageTags.web: "latest" is a moving tag; production deploys a release tag (v1.2.3) or a digest (sha256:...), so what runs is what was reviewed.`] },
    { kind: "moving image tag", stack: "production", config: withMap("production", "imageTags", { web: "production-latest" }),
        expect: [`config mindmirror:imageTags.web: "production-latest" is a moving tag; production deploys a release tag (v1.2.3) or a digest (sha256:...), so what runs is what was reviewed.`] },
    { kind: "moving image tag", stack: "production", config: withMap("production", "imageTags", { gateway: "main" }),
        expect: [`config mindmirror:imageTags.gateway: "main" is a moving tag; production deploys a release tag (v1.2.3) or a digest (sha256:...), so what runs is what was reviewed.`] },
    { kind: "image reference", stack: "production", config: withMap("production", "imageTags", { web: "sha256:abc" }),
        expect: [`config mindmirror:imageTags.web: "sha256:abc" is not a Docker tag (letters, digits, '.', '_', '-'; at most 128) or a digest sha256:<64 hex>.`] },
];

/** The table for the closing note: class, cases, one message. */
if (require.main === module) {
    const byKind = new Map<string, ConfigCase[]>();
    for (const c of CONFIG_CASES) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
    console.log("| class | cases | one message |\n|---|---|---|");
    for (const [kind, cases] of byKind) console.log(`| ${kind} | ${cases.length} | \`${cases[0].expect[0].replace(/\|/g, "\\|")}\` |`);
}
