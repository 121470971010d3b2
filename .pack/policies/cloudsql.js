"use strict";
// Cloud SQL guard rails: private only, encrypted connections, backups (and PITR where the stack
// asks for it), and deletion protection where the stack asks for it. One policy per rule, so a
// stack can lower one rule's level without touching the others.
Object.defineProperty(exports, "__esModule", { value: true });
exports.cloudSqlPolicies = exports.sqlDeletionProtectionPolicy = exports.SQL_DELETION_PROTECTION_DEFAULTS = exports.sqlBackupsPolicy = exports.SQL_BACKUPS_DEFAULTS = exports.sqlSslPolicy = exports.SQL_SSL_DEFAULTS = exports.sqlPrivateIpPolicy = exports.SQL_PRIVATE_IP_DEFAULTS = void 0;
const policy_1 = require("../lib/policy");
const config_1 = require("../lib/config");
const types_1 = require("../lib/types");
const props_1 = require("../lib/props");
const names_1 = require("../lib/names");
const isSqlInstance = (type) => type === types_1.GCP.sqlInstance;
/** "unset, which means X" or the value itself, for messages. */
function shown(value, unsetMeans) {
    return value === undefined ? `unset, which means ${unsetMeans}` : String(value);
}
function exempt(resource) {
    return (0, names_1.matchesAny)(resource.name, resource.config.exemptInstances);
}
const EXEMPT_DESCRIPTION = "Pulumi names (globs) of Cloud SQL instances this rule does not apply to.";
exports.SQL_PRIVATE_IP_DEFAULTS = { exemptInstances: [] };
exports.sqlPrivateIpPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-cloudsql-private-ip",
    description: "Cloud SQL instances have no public IPv4 address.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Set settings.ipConfiguration.ipv4Enabled to false and settings.ipConfiguration.privateNetwork to the VPC (private services access), or use Private Service Connect.",
    defaults: exports.SQL_PRIVATE_IP_DEFAULTS,
    schema: { exemptInstances: config_1.schema.strings(EXEMPT_DESCRIPTION, exports.SQL_PRIVATE_IP_DEFAULTS.exemptInstances) },
    appliesTo: isSqlInstance,
    check: (resource) => {
        if (exempt(resource))
            return;
        const ipConfiguration = (0, props_1.get)(resource.props, "settings", "ipConfiguration");
        const ipv4 = (0, props_1.bool)((0, props_1.get)(ipConfiguration, "ipv4Enabled"));
        if (ipv4 === props_1.UNKNOWN) {
            resource.skips.add(`Whether Cloud SQL instance '${resource.name}' has a public IP is unknown at preview.`);
            return;
        }
        if (ipv4 === false)
            return;
        const openToAll = (0, props_1.items)((0, props_1.get)(ipConfiguration, "authorizedNetworks")).some((network) => (0, props_1.str)((0, props_1.get)(network, "value")) === "0.0.0.0/0");
        resource.report(`Cloud SQL instance '${resource.name}' has a public IPv4 address: settings.ipConfiguration.ipv4Enabled is ${shown(ipv4, "true")}` +
            `${openToAll ? ", and authorizedNetworks lets in 0.0.0.0/0" : ""}. Set ipv4Enabled to false and connect over private IP (privateNetwork) instead.`);
    },
});
exports.SQL_SSL_DEFAULTS = {
    allowedSslModes: ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"],
    exemptInstances: [],
};
exports.sqlSslPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-cloudsql-ssl",
    description: "Cloud SQL instances refuse unencrypted connections.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set settings.ipConfiguration.sslMode to ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED for client certificates).",
    defaults: exports.SQL_SSL_DEFAULTS,
    schema: {
        allowedSslModes: config_1.schema.strings("sslMode values that enforce encryption.", exports.SQL_SSL_DEFAULTS.allowedSslModes),
        exemptInstances: config_1.schema.strings(EXEMPT_DESCRIPTION, exports.SQL_SSL_DEFAULTS.exemptInstances),
    },
    appliesTo: isSqlInstance,
    check: (resource) => {
        if (exempt(resource))
            return;
        const ipConfiguration = (0, props_1.get)(resource.props, "settings", "ipConfiguration");
        const sslMode = (0, props_1.str)((0, props_1.get)(ipConfiguration, "sslMode"));
        // Older provider versions (and older programs) spell the same guarantee requireSsl.
        const requireSsl = (0, props_1.bool)((0, props_1.get)(ipConfiguration, "requireSsl"));
        if (sslMode === props_1.UNKNOWN || requireSsl === props_1.UNKNOWN) {
            resource.skips.add(`The SSL mode of Cloud SQL instance '${resource.name}' is unknown at preview.`);
            return;
        }
        if (requireSsl === true || (sslMode !== undefined && resource.config.allowedSslModes.includes(sslMode)))
            return;
        resource.report(`Cloud SQL instance '${resource.name}' accepts unencrypted connections: settings.ipConfiguration.sslMode is ${shown(sslMode, "ALLOW_UNENCRYPTED_AND_ENCRYPTED")}. ` +
            `Set sslMode to ${resource.config.allowedSslModes.join(" or ")}.`);
    },
});
exports.SQL_BACKUPS_DEFAULTS = { requirePitr: true, exemptInstances: [] };
/** Read replicas cannot have backups of their own: the primary's backups cover them. */
function isReplica(resource) {
    const master = (0, props_1.str)((0, props_1.get)(resource.props, "masterInstanceName"));
    const instanceType = (0, props_1.str)((0, props_1.get)(resource.props, "instanceType"));
    return (typeof master === "string" && master !== "") || master === props_1.UNKNOWN || instanceType === "READ_REPLICA_INSTANCE";
}
exports.sqlBackupsPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-cloudsql-backups",
    description: "Cloud SQL instances take automated backups, and keep point-in-time recovery logs where the stack requires it.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set settings.backupConfiguration.enabled to true and, where requirePitr is on, settings.backupConfiguration.pointInTimeRecoveryEnabled to true (MySQL: binaryLogEnabled).",
    defaults: exports.SQL_BACKUPS_DEFAULTS,
    schema: {
        requirePitr: config_1.schema.boolean("Require point-in-time recovery (PostgreSQL/SQL Server: pointInTimeRecoveryEnabled; MySQL: binaryLogEnabled).", exports.SQL_BACKUPS_DEFAULTS.requirePitr),
        exemptInstances: config_1.schema.strings(EXEMPT_DESCRIPTION, exports.SQL_BACKUPS_DEFAULTS.exemptInstances),
    },
    appliesTo: isSqlInstance,
    check: (resource) => {
        if (exempt(resource) || isReplica(resource))
            return;
        const backup = (0, props_1.get)(resource.props, "settings", "backupConfiguration");
        const enabled = (0, props_1.bool)((0, props_1.get)(backup, "enabled"));
        if (enabled === props_1.UNKNOWN) {
            resource.skips.add(`Whether Cloud SQL instance '${resource.name}' takes backups is unknown at preview.`);
        }
        else if (enabled !== true) {
            resource.report(`Cloud SQL instance '${resource.name}' takes no automated backups: settings.backupConfiguration.enabled is ${shown(enabled, "false")}. Set it to true.`);
        }
        if (!resource.config.requirePitr)
            return;
        const mysql = /^MYSQL/i.test(String((0, props_1.str)((0, props_1.get)(resource.props, "databaseVersion")) ?? ""));
        const property = mysql ? "binaryLogEnabled" : "pointInTimeRecoveryEnabled";
        const pitr = (0, props_1.bool)((0, props_1.get)(backup, property));
        if (pitr === props_1.UNKNOWN) {
            resource.skips.add(`Whether Cloud SQL instance '${resource.name}' keeps point-in-time recovery logs is unknown at preview.`);
        }
        else if (pitr !== true) {
            resource.report(`Cloud SQL instance '${resource.name}' cannot be restored to a point in time: settings.backupConfiguration.${property} is ${shown(pitr, "false")}. Set it to true.`);
        }
    },
});
exports.SQL_DELETION_PROTECTION_DEFAULTS = { requireDeletionProtection: true, exemptInstances: [] };
exports.sqlDeletionProtectionPolicy = (0, policy_1.resourcePolicy)({
    name: "gcp-cloudsql-deletion-protection",
    description: "Where the stack requires it, Cloud SQL instances are protected from deletion both by Pulumi (deletionProtection) and in Google Cloud (settings.deletionProtectionEnabled).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Leave deletionProtection at its default (true) or set it to true, and set settings.deletionProtectionEnabled to true. To delete an instance on purpose, turn both off in a reviewed change first.",
    defaults: exports.SQL_DELETION_PROTECTION_DEFAULTS,
    schema: {
        requireDeletionProtection: config_1.schema.boolean("Require both deletion protections.", exports.SQL_DELETION_PROTECTION_DEFAULTS.requireDeletionProtection),
        exemptInstances: config_1.schema.strings(EXEMPT_DESCRIPTION, exports.SQL_DELETION_PROTECTION_DEFAULTS.exemptInstances),
    },
    appliesTo: isSqlInstance,
    check: (resource) => {
        if (!resource.config.requireDeletionProtection || exempt(resource))
            return;
        // The provider defaults deletionProtection to true, so only an explicit false is a change.
        const pulumiSide = (0, props_1.bool)((0, props_1.get)(resource.props, "deletionProtection"));
        const cloudSide = (0, props_1.bool)((0, props_1.get)(resource.props, "settings", "deletionProtectionEnabled"));
        if (pulumiSide === props_1.UNKNOWN || cloudSide === props_1.UNKNOWN) {
            resource.skips.add(`The deletion protection of Cloud SQL instance '${resource.name}' is unknown at preview.`);
            return;
        }
        if (pulumiSide === false) {
            resource.report(`Cloud SQL instance '${resource.name}' can be deleted by a Pulumi update: deletionProtection is false. Remove it or set it to true.`);
        }
        if (cloudSide !== true) {
            resource.report(`Cloud SQL instance '${resource.name}' can be deleted outside Pulumi (console, gcloud, API): settings.deletionProtectionEnabled is ${shown(cloudSide, "false")}. Set it to true.`);
        }
    },
});
exports.cloudSqlPolicies = [exports.sqlPrivateIpPolicy, exports.sqlSslPolicy, exports.sqlBackupsPolicy, exports.sqlDeletionProtectionPolicy];
