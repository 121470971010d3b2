// The CI trust, in the CI project: a Workload Identity pool and GitHub provider that accept only
// tokens of one repository (pinned by its numeric id and its owner's, which a rename or a
// re-created repository of the same name does not keep), and one service account per CI identity
// that exactly one GitHub environment's jobs may impersonate. No keys, no principalSet.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { CI_IDENTITIES, CI_POOL_ID, CI_PROVIDER_ID, CiIdentity, environmentSubject } from "../components/ci-identities";

export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

export interface GitHubRepository {
    /** owner/name. */
    readonly fullName: string;
    /** Numeric ids GitHub puts in every token (`repository_id`, `repository_owner_id`). */
    readonly repositoryId: number;
    readonly ownerId: number;
}

/** The provider's condition: the repository's numeric id, its owner's numeric id, and its name. */
export function providerCondition(repo: GitHubRepository): string {
    return `assertion.repository_id == '${repo.repositoryId}' && assertion.repository_owner_id == '${repo.ownerId}' && assertion.repository == '${repo.fullName}'`;
}

export class CiTrust extends pulumi.ComponentResource {
    public readonly pool: gcp.iam.WorkloadIdentityPool;
    public readonly provider: gcp.iam.WorkloadIdentityPoolProvider;
    /** CI service accounts by account id. */
    public readonly accounts: ReadonlyMap<string, gcp.serviceaccount.Account>;

    constructor(name: string, args: { project: string; repository: GitHubRepository }, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:bootstrap:CiTrust", name, {}, opts);
        const { project, repository } = args;

        this.pool = new gcp.iam.WorkloadIdentityPool(`${name}-pool`, {
            project,
            workloadIdentityPoolId: CI_POOL_ID,
            displayName: "GitHub Actions",
            description: `Keyless CI for ${repository.fullName} (repository id ${repository.repositoryId}).`,
        }, { parent: this, protect: true });

        this.provider = new gcp.iam.WorkloadIdentityPoolProvider(`${name}-provider`, {
            project,
            workloadIdentityPoolId: this.pool.workloadIdentityPoolId,
            workloadIdentityPoolProviderId: CI_PROVIDER_ID,
            displayName: "GitHub OIDC",
            // google.subject is the token's sub: repo:<owner>/<repo>:environment:<env> for a job in an
            // environment. The bindings below name whole subjects; the attributes are for audit logs.
            attributeMapping: {
                "google.subject": "assertion.sub",
                "attribute.repository": "assertion.repository",
                "attribute.repository_id": "assertion.repository_id",
                "attribute.repository_owner_id": "assertion.repository_owner_id",
                "attribute.environment": "assertion.environment",
                "attribute.ref": "assertion.ref",
            },
            attributeCondition: providerCondition(repository),
            oidc: { issuerUri: GITHUB_ISSUER },
        }, { parent: this });

        const accounts = new Map<string, gcp.serviceaccount.Account>();
        for (const identity of CI_IDENTITIES) accounts.set(identity.accountId, this.account(name, project, repository, identity));
        this.accounts = accounts;
        this.registerOutputs({ provider: this.provider.name });
    }

    /** The principal of one exact subject in this pool. */
    principal(subject: string): pulumi.Output<string> {
        return pulumi.interpolate`principal://iam.googleapis.com/${this.pool.name}/subject/${subject}`;
    }

    private account(name: string, project: string, repository: GitHubRepository, identity: CiIdentity): gcp.serviceaccount.Account {
        const sa = new gcp.serviceaccount.Account(`${name}-${identity.accountId}`, {
            project,
            accountId: identity.accountId,
            displayName: `CI ${identity.role} (${identity.stack})`,
            description: `Only jobs of ${repository.fullName} in the ${identity.environment} environment: ${identity.purpose}.`.slice(0, 256),
        }, { parent: this });
        new gcp.serviceaccount.IAMMember(`${name}-${identity.accountId}-wif`, {
            serviceAccountId: sa.name,
            role: "roles/iam.workloadIdentityUser",
            member: this.principal(environmentSubject(repository.fullName, identity.environment)),
        }, { parent: this });
        return sa;
    }
}
