// A Cloud SQL PostgreSQL instance with its databases: private IP only, SSL enforced, backups
// always, PITR and HA per stack, and for each database its own user, a random password and a
// connection-URL secret that only the owning service can read.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DatabaseSettings, StackSettings } from "../stack/settings";
import { Labels } from "./labels";
import { Secret } from "./secret";

export interface DatabaseArgs {
    readonly project: string;
    readonly region: string;
    readonly instanceName: string;
    readonly settings: DatabaseSettings;
    /**
     * How hard each kind of data is to lose: the instance (Pulumi protect, deletion protection in
     * Google Cloud, final backup), its databases, users and passwords, and the connection-URL secrets.
     */
    readonly protection: StackSettings["dataProtection"];
    /** VPC self link or id; the instance gets a private IP on it and no public IP. */
    readonly network: pulumi.Input<string>;
    /**
     * Each database, by catalog key: its PostgreSQL name and user, its URL secret's id, and the
     * Database component that held it under the other layout (its URL secret keeps its URN).
     */
    readonly databases: ReadonlyArray<{
        readonly key: string;
        readonly name: string;
        readonly user: string;
        readonly urlSecretId: string;
        readonly urlSecretFormerParent?: string;
    }>;
    readonly labels: Labels;
    /** Password length. @default 32 */
    readonly passwordLength?: number;
}

export class Database extends pulumi.ComponentResource {
    public readonly instance: gcp.sql.DatabaseInstance;
    public readonly connectionName: pulumi.Output<string>;
    public readonly privateIp: pulumi.Output<string>;
    /** Connection-URL secrets by database key. */
    public readonly urlSecrets: ReadonlyMap<string, Secret>;

    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Database", name, {}, opts);
        const s = args.settings;
        const p = args.protection;

        this.instance = new gcp.sql.DatabaseInstance(`${name}-instance`, {
            project: args.project,
            region: args.region,
            name: args.instanceName,
            databaseVersion: s.version,
            deletionProtection: p.instances,
            settings: {
                tier: s.tier,
                // Shared-core tiers exist only in Enterprise; POSTGRES_16+ would default to Enterprise Plus.
                edition: "ENTERPRISE",
                availabilityType: s.availability,
                diskType: s.diskType,
                diskSize: s.diskSizeGb,
                diskAutoresize: true,
                diskAutoresizeLimit: s.diskSizeGb * 10,
                deletionProtectionEnabled: p.instances,
                // Deleting the instance keeps one last backup, so a deletion is recoverable.
                finalBackupConfig: { enabled: true, retentionDays: p.finalBackupDays },
                userLabels: { ...args.labels },
                ipConfiguration: {
                    ipv4Enabled: false,
                    privateNetwork: args.network,
                    sslMode: "ENCRYPTED_ONLY",
                },
                backupConfiguration: {
                    enabled: true,
                    startTime: s.backupStartTime,
                    pointInTimeRecoveryEnabled: s.pointInTimeRecovery,
                    transactionLogRetentionDays: s.pointInTimeRecovery ? s.logRetentionDays : undefined,
                    backupRetentionSettings: { retainedBackups: s.retainedBackups, retentionUnit: "COUNT" },
                },
                maintenanceWindow: { day: s.maintenanceDay, hour: s.maintenanceHour, updateTrack: "stable" },
                insightsConfig: {
                    queryInsightsEnabled: true,
                    queryStringLength: 4500,
                    recordApplicationTags: true,
                    // Client addresses are personal data under GDPR; not needed to tune queries.
                    recordClientAddress: false,
                },
                databaseFlags: [
                    { name: "log_min_duration_statement", value: String(s.slowQueryMs) },
                    { name: "max_connections", value: String(s.maxConnections) },
                ],
            },
        }, { parent: this, protect: p.instances });
        this.connectionName = this.instance.connectionName;
        this.privateIp = this.instance.privateIpAddress;

        const urlSecrets = new Map<string, Secret>();
        for (const db of args.databases) {
            const database = new gcp.sql.Database(`${name}-${db.key}-database`, {
                project: args.project,
                instance: this.instance.name,
                name: db.name,
                // Dropping a database with data in it is never a side effect of a refactor.
                deletionPolicy: "ABANDON",
            }, { parent: this, protect: p.databases });
            const password = new random.RandomPassword(`${name}-${db.key}-password`, {
                length: args.passwordLength ?? 32,
                special: false,
            }, { parent: this, protect: p.databases });
            const user = new gcp.sql.User(`${name}-${db.key}-user`, {
                project: args.project,
                instance: this.instance.name,
                name: db.user,
                type: "BUILT_IN",
                password: password.result,
                // PostgreSQL refuses to drop a role that owns objects; leave it to a human.
                deletionPolicy: "ABANDON",
            }, { parent: this, dependsOn: [database], protect: p.databases });
            const url = pulumi.interpolate`postgresql://${user.name}:${password.result}@${this.privateIp}:5432/${database.name}?sslmode=require`;
            urlSecrets.set(db.key, new Secret(`${name}-${db.key}-url`, {
                project: args.project,
                secretId: db.urlSecretId,
                description: `Connection URL of the ${db.name} database on ${args.instanceName}`,
                labels: { ...args.labels, component: "database" },
                value: url,
                protect: p.secrets,
            }, {
                parent: this,
                // The URL secret's id does not depend on the instance: switching the layout updates it
                // in place instead of creating a second secret with the same id.
                aliases: db.urlSecretFormerParent === undefined ? [] : [{
                    name: `${db.urlSecretFormerParent}-${db.key}-url`,
                    parent: pulumi.createUrn(db.urlSecretFormerParent, "mindmirror:platform:Database", opts?.parent),
                }],
            }));
        }
        this.urlSecrets = urlSecrets;

        this.registerOutputs({ connectionName: this.connectionName, privateIp: this.privateIp });
    }
}
