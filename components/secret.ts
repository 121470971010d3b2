// A Secret Manager secret: the secret, optionally one version (generated or given), and
// secretAccessor for exactly the identities that read it, granted on this secret alone.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Labels } from "./labels";

export interface SecretArgs {
    readonly project: string;
    /** Physical secret id. */
    readonly secretId: string;
    readonly description: string;
    readonly labels: Labels;
    /**
     * Where the value comes from:
     * - `generate`: a random value of this length, created with @pulumi/random and held as a Pulumi secret;
     * - `value`: a value computed elsewhere (a connection URL), wrapped as a Pulumi secret here;
     * - neither: the secret is created empty and an operator adds a version in Secret Manager.
     */
    readonly generate?: { readonly length: number };
    readonly value?: pulumi.Input<string>;
    /**
     * Protects the secret and its versions (Pulumi protect and the provider's deletion protection).
     * Access grants are never protected: revoking a reader is an ordinary change. @default false
     */
    readonly protect?: boolean;
}

export class Secret extends pulumi.ComponentResource {
    public readonly secret: gcp.secretmanager.Secret;
    /** Undefined for an external secret that no config value fills. */
    public readonly version?: gcp.secretmanager.SecretVersion;
    /** Secret id as the Cloud Run volume and env references take it. */
    public readonly secretId: pulumi.Output<string>;
    private readonly grants = new Map<string, gcp.secretmanager.SecretIamMember>();

    constructor(private readonly name: string, args: SecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Secret", name, {}, opts);
        if (args.generate && args.value !== undefined) {
            throw new Error(`Secret ${name}: give either generate or value, not both.`);
        }

        this.secret = new gcp.secretmanager.Secret(`${name}-secret`, {
            project: args.project,
            secretId: args.secretId,
            labels: { ...args.labels },
            annotations: { description: args.description },
            replication: { auto: {} },
            deletionProtection: args.protect ?? false,
        }, { parent: this, protect: args.protect ?? false });
        this.secretId = this.secret.secretId;

        let value: pulumi.Input<string> | undefined = args.value;
        if (args.generate) {
            value = new random.RandomPassword(`${name}-value`, {
                length: args.generate.length,
                special: false,
            }, { parent: this, protect: args.protect ?? false }).result;
        }
        if (value !== undefined) {
            this.version = new gcp.secretmanager.SecretVersion(`${name}-version`, {
                secret: this.secret.id,
                secretData: pulumi.secret(value),
                // A replaced version is disabled, not destroyed, so a rollback can re-enable it.
                deletionPolicy: "DISABLE",
            }, { parent: this, protect: args.protect ?? false });
        }

        this.registerOutputs({ secretId: this.secretId });
    }

    /**
     * Grants `roles/secretmanager.secretAccessor` on this secret to one reader (an IAM member string). Idempotent per
     * reader; the grant is a child of this secret, named by the reader's stable key.
     */
    grantAccessor(readerKey: string, member: pulumi.Input<string>): gcp.secretmanager.SecretIamMember {
        const existing = this.grants.get(readerKey);
        if (existing) return existing;
        const grant = new gcp.secretmanager.SecretIamMember(`${this.name}-reader-${readerKey}`, {
            project: this.secret.project,
            secretId: this.secret.secretId,
            role: "roles/secretmanager.secretAccessor",
            member,
            // Explicitly unprotected even under a protected parent: revoking a reader must just work.
        }, { parent: this, protect: false });
        this.grants.set(readerKey, grant);
        return grant;
    }
}
