// Keyless CI: a Workload Identity pool and GitHub provider that trust only this repository, a
// deployer account that only the allowed branch (or protected environment) can impersonate, and
// a read-only previewer for pull requests.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface DeployIdentityArgs {
    readonly project: string;
    readonly projectNumber: string;
    readonly prefix: string;
    /** owner/name of the GitHub repository. */
    readonly repository: string;
    /** Git ref allowed to deploy, e.g. refs/heads/main. */
    readonly deployRef: string;
    /** GitHub environment the deploy job runs in; when set it is required instead of the ref. */
    readonly environment?: string;
}

const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

/** Project roles the deployer needs to manage everything this program declares. */
export const DEPLOYER_ROLES = [
    "roles/artifactregistry.admin",
    "roles/cloudsql.admin",
    "roles/compute.networkAdmin",
    "roles/iam.serviceAccountAdmin",
    "roles/iam.serviceAccountUser",
    "roles/iam.workloadIdentityPoolAdmin",
    "roles/monitoring.editor",
    "roles/pubsub.admin",
    "roles/redis.admin",
    "roles/resourcemanager.projectIamAdmin",
    "roles/run.admin",
    "roles/secretmanager.admin",
    "roles/servicenetworking.networksAdmin",
    "roles/serviceusage.serviceUsageAdmin",
] as const;

/** Read-only roles a `pulumi preview` needs: no data access, no secret payloads. */
export const PREVIEWER_ROLES = [
    "roles/artifactregistry.reader",
    "roles/cloudsql.viewer",
    "roles/compute.networkViewer",
    "roles/iam.securityReviewer",
    "roles/monitoring.viewer",
    "roles/pubsub.viewer",
    "roles/redis.viewer",
    "roles/run.viewer",
    "roles/secretmanager.viewer",
    "roles/serviceusage.serviceUsageViewer",
] as const;

export class DeployIdentity extends pulumi.ComponentResource {
    public readonly pool: gcp.iam.WorkloadIdentityPool;
    public readonly provider: gcp.iam.WorkloadIdentityPoolProvider;
    public readonly deployer: gcp.serviceaccount.Account;
    public readonly previewer: gcp.serviceaccount.Account;

    constructor(name: string, args: DeployIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:DeployIdentity", name, {}, opts);

        this.pool = new gcp.iam.WorkloadIdentityPool(`${name}-pool`, {
            project: args.project,
            workloadIdentityPoolId: `${args.prefix}github`,
            displayName: "GitHub Actions",
            description: `Keyless deploys from ${args.repository}.`,
        }, { parent: this });

        this.provider = new gcp.iam.WorkloadIdentityPoolProvider(`${name}-provider`, {
            project: args.project,
            workloadIdentityPoolId: this.pool.workloadIdentityPoolId,
            workloadIdentityPoolProviderId: "github",
            displayName: "GitHub OIDC",
            attributeMapping: {
                "google.subject": "assertion.sub",
                "attribute.repository": "assertion.repository",
                "attribute.ref": "assertion.ref",
                "attribute.environment": "assertion.environment",
                "attribute.event_name": "assertion.event_name",
            },
            // Without a condition any GitHub repository could mint tokens for this pool.
            attributeCondition: `assertion.repository == '${args.repository}'`,
            oidc: { issuerUri: GITHUB_ISSUER },
        }, { parent: this });

        const principalSet = (attribute: string, value: string) =>
            pulumi.interpolate`principalSet://iam.googleapis.com/projects/${args.projectNumber}/locations/global/workloadIdentityPools/${this.pool.workloadIdentityPoolId}/attribute.${attribute}/${value}`;

        this.deployer = this.ciAccount(`${name}-deployer`, {
            project: args.project,
            accountId: `${args.prefix}deployer`,
            displayName: "Platform deployer (pulumi up)",
            description: args.environment
                ? `Impersonated by GitHub Actions jobs of ${args.repository} in the ${args.environment} environment.`
                : `Impersonated by GitHub Actions runs of ${args.repository} on ${args.deployRef}.`,
        }, args.environment ? principalSet("environment", args.environment) : principalSet("ref", args.deployRef), DEPLOYER_ROLES);

        this.previewer = this.ciAccount(`${name}-previewer`, {
            project: args.project,
            accountId: `${args.prefix}previewer`,
            displayName: "Platform previewer (pulumi preview on pull requests)",
            description: `Read-only; impersonated by any workflow run of ${args.repository}.`,
        }, principalSet("repository", args.repository), PREVIEWER_ROLES);

        this.registerOutputs({ provider: this.provider.name, deployer: this.deployer.email, previewer: this.previewer.email });
    }

    /** A CI service account that one principal set may impersonate, with these project roles. */
    private ciAccount(name: string, account: gcp.serviceaccount.AccountArgs & { project: string }, principal: pulumi.Input<string>, roles: readonly string[]): gcp.serviceaccount.Account {
        const sa = new gcp.serviceaccount.Account(name, account, { parent: this });
        new gcp.serviceaccount.IAMMember(`${name}-wif`, {
            serviceAccountId: sa.name,
            role: "roles/iam.workloadIdentityUser",
            member: principal,
        }, { parent: this });
        for (const role of roles) {
            new gcp.projects.IAMMember(`${name}-${role.replace("roles/", "")}`, { project: account.project, role, member: sa.member }, { parent: this });
        }
        return sa;
    }
}
