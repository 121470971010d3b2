// Physical names: explicit, derived only from stable keys and the optional prefix, never random
// and never from array positions. Each rule is the one GCP enforces, so a bad name fails here.

export interface NameRule {
    readonly what: string;
    readonly pattern: RegExp;
    readonly hint: string;
}

export const NAME_RULES = {
    cloudRunService: { what: "Cloud Run service name", pattern: /^[a-z](?:[-a-z0-9]{0,47}[a-z0-9])?$/, hint: "1-49 lowercase letters, digits or hyphens, starting with a letter" },
    cloudRunJob: { what: "Cloud Run job name", pattern: /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/, hint: "1-63 lowercase letters, digits or hyphens, starting with a letter" },
    serviceAccount: { what: "service account id", pattern: /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/, hint: "6-30 lowercase letters, digits or hyphens, starting with a letter" },
    secret: { what: "Secret Manager secret id", pattern: /^[A-Za-z0-9_-]{1,255}$/, hint: "letters, digits, '_' or '-', at most 255" },
    sqlInstance: { what: "Cloud SQL instance name", pattern: /^[a-z](?:[-a-z0-9]{0,76}[a-z0-9])?$/, hint: "lowercase letters, digits or hyphens, starting with a letter, at most 78" },
    sqlDatabase: { what: "PostgreSQL database name", pattern: /^[a-z_][a-z0-9_]{0,62}$/, hint: "lowercase letters, digits or '_', at most 63" },
    topic: { what: "Pub/Sub topic name", pattern: /^(?!goog)[A-Za-z][-A-Za-z0-9_.~+%]{2,254}$/, hint: "3-255 characters, starting with a letter, not with 'goog'" },
    image: { what: "image name", pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, hint: "lowercase letters and digits separated by '.', '_' or '-'" },
} as const satisfies Record<string, NameRule>;

/** Physical names for everything a service owns. */
export function serviceNames(prefix: string, key: string) {
    return {
        service: `${prefix}${key}`,
        account: `${prefix}${key}-run`,
        migrateJob: `${prefix}${key}-migrate`,
        pushAccount: `${prefix}${key}-push`,
    };
}

/** The billing budget's Pub/Sub topic (one per project, not prefixed). */
export const BUDGET_TOPIC = "billing-budget-alerts";

/** CI accounts of the deploy identity. */
export function deployIdentityAccounts(prefix: string): { readonly deployer: string; readonly previewer: string } {
    return { deployer: `${prefix}deployer`, previewer: `${prefix}previewer` };
}

export function secretName(prefix: string, key: string): string {
    return `${prefix}${key}`;
}

/** The secret holding a database's connection URL. */
export function databaseUrlSecretKey(database: string): string {
    return `${database}-database-url`;
}

export function sqlInstanceName(prefix: string, instanceKey: string): string {
    return `${prefix}${instanceKey}-pg`;
}

/** PostgreSQL identifiers cannot carry hyphens unquoted: agent -> agent, meal-plans -> meal_plans. */
export function sqlIdentifier(key: string): string {
    return key.replace(/-/g, "_");
}

/**
 * Label values: lowercase letters, digits, '_' and '-', at most 63 characters. Image tags such as
 * v1.2.3 become v1-2-3.
 */
export function labelValue(value: string): string {
    return value.toLowerCase().replace(/[^a-z0-9_-]/g, "-").slice(0, 63);
}
