// Bootstrap arguments shared by the bootstrap suites (the committed stack files are checked separately).

import { CI_PROJECT } from "../../components/ci-identities";
import { CiBootstrapArgs } from "../../bootstrap/ci-program";
import { BootstrapArgs } from "../../bootstrap/program";

export const STAGING_ARGS: BootstrapArgs = {
    project: "mindmirror-staging",
    env: "staging",
    bucketLocation: "us-central1",
    kmsLocation: "us-central1",
    noncurrentVersions: 7,
    billingAccount: "000000-000000-000000",
};

export const CI_ARGS: CiBootstrapArgs = {
    project: CI_PROJECT,
    github: { owner: "mindmirror", repository: "mindmirror", repositoryId: 900000001, ownerId: 900000002, reviewers: { users: [11], teams: [22] } },
    stacks: { staging: { project: "mindmirror-staging", region: "us-central1" }, production: { project: "mindmirror-prod", region: "us-central1" } },
};

