// Entry point: read the stack config (Pulumi.<stack>.yaml), run the bootstrap, export its outputs.

import * as pulumi from "@pulumi/pulumi";
import { runBootstrap } from "./program";

const config = new pulumi.Config("bootstrap");
const gcpConfig = new pulumi.Config("gcp");

// The CI accounts are created by the platform's first deploy: run the first bootstrap with
// `bootstrap:ciAccess` false, then set it back to true (the committed value) once they exist.
const ciAccess = config.getBoolean("ciAccess") ?? true;

const outputs = runBootstrap({
    project: gcpConfig.require("project"),
    env: config.require("env"),
    bucketLocation: config.get("bucketLocation") ?? gcpConfig.require("region"),
    kmsLocation: config.get("kmsLocation") ?? gcpConfig.require("region"),
    noncurrentVersions: config.getNumber("noncurrentVersions"),
    deployers: ciAccess ? config.getObject<string[]>("deployers") : [],
    previewers: ciAccess ? config.getObject<string[]>("previewers") : [],
});

export const stateBucketUrl = outputs.stateBucketUrl;
export const secretsProvider = outputs.secretsProvider;
export const apis = outputs.apis;
