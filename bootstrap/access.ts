// Who may do what in one stack's project, as data: the bootstrap creates exactly these bindings
// (program.ts), and scripts/access-table.ts renders them into bootstrap/README.md, so the table
// cannot drift from what is granted.

import { CI_IDENTITIES, CiIdentity, stateBucketName } from "../components/ci-identities";
import { StackName } from "../policy-pack/conventions";
import { DeployerGrant, PLATFORM_RESOURCE_TYPES, deployerGrants } from "./deployer-roles";

/** The Pulumi project name of the platform (Pulumi.yaml), which names its state objects. */
export const PLATFORM_PROJECT_NAME = "mindmirror";

export type Target = "project" | "state bucket" | "secrets key" | "billing account";

export interface Binding {
    readonly identity: CiIdentity;
    readonly target: Target;
    readonly role: string;
    readonly custom?: boolean;
    readonly condition?: { readonly title: string; readonly expression: string };
    readonly why: string;
}

/**
 * The objects of one stack in a DIY (gs://) backend: its checkpoint, history, backups and lock,
 * plus the backend's meta.yaml. `list` is checked on the bucket, so the bucket itself is allowed
 * too (names only; the bucket holds this one stack's objects anyway: one bucket per project).
 */
export function stackObjectsCondition(project: string, stack: StackName, title: string): { title: string; expression: string } {
    const objects = `projects/_/buckets/${stateBucketName(project)}/objects/.pulumi`;
    const p = PLATFORM_PROJECT_NAME;
    return {
        title,
        expression: [
            `resource.type == 'storage.googleapis.com/Bucket'`,
            `resource.name == '${objects}/meta.yaml'`,
            `resource.name.startsWith('${objects}/stacks/${p}/${stack}.json')`,
            `resource.name.startsWith('${objects}/history/${p}/${stack}/')`,
            `resource.name.startsWith('${objects}/backups/${p}/${stack}/')`,
            `resource.name.startsWith('${objects}/locks/${p}/${stack}/')`,
        ].join(" || "),
    };
}

/** Every binding the bootstrap of one stack's project makes, for every CI identity of that stack. */
export function stackBindings(project: string, stack: StackName): Binding[] {
    const out: Binding[] = [];
    for (const identity of CI_IDENTITIES.filter((i) => i.stack === stack)) {
        switch (identity.role) {
            case "deployer":
                out.push({ identity, target: "state bucket", role: "roles/storage.objectUser", condition: stackObjectsCondition(project, stack, `${stack}-state-only`), why: `read and write ${stack}'s checkpoint, history and lock (no IAM on objects)` });
                out.push({ identity, target: "secrets key", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", why: `encrypt and decrypt ${stack}'s stack secrets` });
                for (const grant of deployerGrants(PLATFORM_RESOURCE_TYPES)) out.push(fromGrant(identity, grant));
                break;
            case "previewer":
                out.push({ identity, target: "state bucket", role: "roles/storage.objectViewer", condition: stackObjectsCondition(project, stack, `${stack}-state-read-only`), why: `read ${stack}'s checkpoint (preview writes nothing)` });
                out.push({ identity, target: "secrets key", role: "roles/cloudkms.cryptoKeyDecrypter", why: `decrypt ${stack}'s stack secrets to compute the diff` });
                break;
            case "scanner":
                out.push({ identity, target: "project", role: "roles/artifactregistry.reader", why: "pull the images to scan" });
                out.push({ identity, target: "project", role: "roles/containeranalysis.occurrences.viewer", why: "read Artifact Analysis vulnerability findings" });
                break;
        }
    }
    return out;
}

function fromGrant(identity: CiIdentity, grant: DeployerGrant): Binding {
    return {
        identity,
        target: grant.scope === "billing-account" ? "billing account" : "project",
        role: grant.role,
        custom: grant.custom,
        condition: grant.condition,
        why: grant.why,
    };
}
