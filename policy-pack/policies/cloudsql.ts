// Cloud SQL guard rails: private only, encrypted connections, backups (and PITR where the stack
// asks for it), and deletion protection where the stack asks for it. One policy per rule, so a
// stack can lower one rule's level without touching the others.

import { ResourceCheck, resourcePolicy } from "../lib/policy";
import { shownName } from "../lib/exposure";
import { schema } from "../lib/config";
import { GCP } from "../lib/types";
import { Maybe, UNKNOWN, bool, get, items, str } from "../lib/props";
import { matchesAny } from "../lib/names";


/** "unset, which means X" or the value itself, for messages. */
function shown(value: Maybe<string | boolean>, unsetMeans: string): string {
    return value === undefined ? `unset, which means ${unsetMeans}` : String(value);
}

function exempt<A extends { exemptInstances: string[] }>(resource: ResourceCheck<A>): boolean {
    return matchesAny(resource.name, resource.config.exemptInstances);
}

const EXEMPT_DESCRIPTION = "Pulumi names (globs) of Cloud SQL instances this rule does not apply to.";

// ---- gcp-cloudsql-private-ip -----------------------------------------------------------------

export interface SqlPrivateIpArgs {
    exemptInstances: string[];
}

export const SQL_PRIVATE_IP_DEFAULTS: SqlPrivateIpArgs = { exemptInstances: [] };

export const sqlPrivateIpPolicy = resourcePolicy<SqlPrivateIpArgs>({
    name: "gcp-cloudsql-private-ip",
    description: "Cloud SQL instances have no public IPv4 address.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Set settings.ipConfiguration.ipv4Enabled to false and settings.ipConfiguration.privateNetwork to the VPC (private services access), or use Private Service Connect.",
    defaults: SQL_PRIVATE_IP_DEFAULTS,
    schema: { exemptInstances: schema.strings(EXEMPT_DESCRIPTION, SQL_PRIVATE_IP_DEFAULTS.exemptInstances) },
    types: [GCP.sqlInstance],
    check: (resource) => {
        if (exempt(resource)) return;
        const ipConfiguration = get(resource.props, "settings", "ipConfiguration");
        const ipv4 = bool(get(ipConfiguration, "ipv4Enabled"));
        if (ipv4 === UNKNOWN) {
            resource.skips.add(`Whether Cloud SQL instance ${shownName(resource)} has a public IP is unknown at preview.`);
            return;
        }
        if (ipv4 === false) return;
        const openToAll = items(get(ipConfiguration, "authorizedNetworks")).some((network) => str(get(network, "value")) === "0.0.0.0/0");
        resource.report(
            `Cloud SQL instance ${shownName(resource)} has a public IPv4 address: settings.ipConfiguration.ipv4Enabled is ${shown(ipv4, "true")}` +
                `${openToAll ? ", and authorizedNetworks lets in 0.0.0.0/0" : ""}. Set ipv4Enabled to false and connect over private IP (privateNetwork) instead.`,
        );
    },
});

// ---- gcp-cloudsql-ssl ------------------------------------------------------------------------

export interface SqlSslArgs {
    allowedSslModes: string[];
    exemptInstances: string[];
}

export const SQL_SSL_DEFAULTS: SqlSslArgs = {
    allowedSslModes: ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"],
    exemptInstances: [],
};

export const sqlSslPolicy = resourcePolicy<SqlSslArgs>({
    name: "gcp-cloudsql-ssl",
    description: "Cloud SQL instances refuse unencrypted connections.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set settings.ipConfiguration.sslMode to ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED for client certificates).",
    defaults: SQL_SSL_DEFAULTS,
    schema: {
        allowedSslModes: schema.strings("sslMode values that enforce encryption.", SQL_SSL_DEFAULTS.allowedSslModes),
        exemptInstances: schema.strings(EXEMPT_DESCRIPTION, SQL_SSL_DEFAULTS.exemptInstances),
    },
    types: [GCP.sqlInstance],
    check: (resource) => {
        if (exempt(resource)) return;
        const ipConfiguration = get(resource.props, "settings", "ipConfiguration");
        const sslMode = str(get(ipConfiguration, "sslMode"));
        // Older provider versions (and older programs) spell the same guarantee requireSsl.
        const requireSsl = bool(get(ipConfiguration, "requireSsl"));
        if (sslMode === UNKNOWN || requireSsl === UNKNOWN) {
            resource.skips.add(`The SSL mode of Cloud SQL instance ${shownName(resource)} is unknown at preview.`);
            return;
        }
        if (requireSsl === true || (sslMode !== undefined && resource.config.allowedSslModes.includes(sslMode))) return;
        resource.report(
            `Cloud SQL instance ${shownName(resource)} accepts unencrypted connections: settings.ipConfiguration.sslMode is ${shown(sslMode, "ALLOW_UNENCRYPTED_AND_ENCRYPTED")}. ` +
                `Set sslMode to ${resource.config.allowedSslModes.join(" or ")}.`,
        );
    },
});

// ---- gcp-cloudsql-backups --------------------------------------------------------------------

export interface SqlBackupsArgs {
    requirePitr: boolean;
    exemptInstances: string[];
}

export const SQL_BACKUPS_DEFAULTS: SqlBackupsArgs = { requirePitr: true, exemptInstances: [] };

/** Read replicas cannot have backups of their own: the primary's backups cover them. */
function isReplica(resource: ResourceCheck<SqlBackupsArgs>): boolean {
    const master = str(get(resource.props, "masterInstanceName"));
    const instanceType = str(get(resource.props, "instanceType"));
    return (typeof master === "string" && master !== "") || master === UNKNOWN || instanceType === "READ_REPLICA_INSTANCE";
}

export const sqlBackupsPolicy = resourcePolicy<SqlBackupsArgs>({
    name: "gcp-cloudsql-backups",
    description: "Cloud SQL instances take automated backups, and keep point-in-time recovery logs where the stack requires it.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set settings.backupConfiguration.enabled to true and, where requirePitr is on, settings.backupConfiguration.pointInTimeRecoveryEnabled to true (MySQL: binaryLogEnabled).",
    defaults: SQL_BACKUPS_DEFAULTS,
    schema: {
        requirePitr: schema.boolean("Require point-in-time recovery (PostgreSQL/SQL Server: pointInTimeRecoveryEnabled; MySQL: binaryLogEnabled).", SQL_BACKUPS_DEFAULTS.requirePitr),
        exemptInstances: schema.strings(EXEMPT_DESCRIPTION, SQL_BACKUPS_DEFAULTS.exemptInstances),
    },
    types: [GCP.sqlInstance],
    check: (resource) => {
        if (exempt(resource) || isReplica(resource)) return;
        const backup = get(resource.props, "settings", "backupConfiguration");
        const enabled = bool(get(backup, "enabled"));
        if (enabled === UNKNOWN) {
            resource.skips.add(`Whether Cloud SQL instance ${shownName(resource)} takes backups is unknown at preview.`);
        } else if (enabled !== true) {
            resource.report(
                `Cloud SQL instance ${shownName(resource)} takes no automated backups: settings.backupConfiguration.enabled is ${shown(enabled, "false")}. Set it to true.`,
            );
        }
        if (!resource.config.requirePitr) return;
        const mysql = /^MYSQL/i.test(String(str(get(resource.props, "databaseVersion")) ?? ""));
        const property = mysql ? "binaryLogEnabled" : "pointInTimeRecoveryEnabled";
        const pitr = bool(get(backup, property));
        if (pitr === UNKNOWN) {
            resource.skips.add(`Whether Cloud SQL instance ${shownName(resource)} keeps point-in-time recovery logs is unknown at preview.`);
        } else if (pitr !== true) {
            resource.report(
                `Cloud SQL instance ${shownName(resource)} cannot be restored to a point in time: settings.backupConfiguration.${property} is ${shown(pitr, "false")}. Set it to true.`,
            );
        }
    },
});

// ---- gcp-cloudsql-deletion-protection --------------------------------------------------------

export interface SqlDeletionProtectionArgs {
    requireDeletionProtection: boolean;
    exemptInstances: string[];
}

export const SQL_DELETION_PROTECTION_DEFAULTS: SqlDeletionProtectionArgs = { requireDeletionProtection: true, exemptInstances: [] };

export const sqlDeletionProtectionPolicy = resourcePolicy<SqlDeletionProtectionArgs>({
    name: "gcp-cloudsql-deletion-protection",
    description:
        "Where the stack requires it, Cloud SQL instances are protected from deletion both by Pulumi (deletionProtection) and in Google Cloud (settings.deletionProtectionEnabled).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Leave deletionProtection at its default (true) or set it to true, and set settings.deletionProtectionEnabled to true. To delete an instance on purpose, turn both off in a reviewed change first.",
    defaults: SQL_DELETION_PROTECTION_DEFAULTS,
    schema: {
        requireDeletionProtection: schema.boolean("Require both deletion protections.", SQL_DELETION_PROTECTION_DEFAULTS.requireDeletionProtection),
        exemptInstances: schema.strings(EXEMPT_DESCRIPTION, SQL_DELETION_PROTECTION_DEFAULTS.exemptInstances),
    },
    types: [GCP.sqlInstance],
    check: (resource) => {
        if (!resource.config.requireDeletionProtection || exempt(resource)) return;
        // The provider defaults deletionProtection to true, so only an explicit false is a change.
        const pulumiSide = bool(get(resource.props, "deletionProtection"));
        const cloudSide = bool(get(resource.props, "settings", "deletionProtectionEnabled"));
        if (pulumiSide === UNKNOWN || cloudSide === UNKNOWN) {
            resource.skips.add(`The deletion protection of Cloud SQL instance ${shownName(resource)} is unknown at preview.`);
            return;
        }
        if (pulumiSide === false) {
            resource.report(
                `Cloud SQL instance ${shownName(resource)} can be deleted by a Pulumi update: deletionProtection is false. Remove it or set it to true.`,
            );
        }
        if (cloudSide !== true) {
            resource.report(
                `Cloud SQL instance ${shownName(resource)} can be deleted outside Pulumi (console, gcloud, API): settings.deletionProtectionEnabled is ${shown(cloudSide, "false")}. Set it to true.`,
            );
        }
    },
});

export const cloudSqlPolicies = [sqlPrivateIpPolicy, sqlSslPolicy, sqlBackupsPolicy, sqlDeletionProtectionPolicy];
