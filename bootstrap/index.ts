// Entry point: read the stack config (Pulumi.<stack>.yaml), run the bootstrap of the CI project
// (stack mindmirror-ci) or of a platform stack's project, export its outputs.

import * as pulumi from "@pulumi/pulumi";
import { StackName } from "../policy-pack/conventions";
import { CiBootstrapArgs, CiBootstrapOutputs, runCiBootstrap } from "./ci-program";
import { BootstrapOutputs, runBootstrap } from "./program";

const config = new pulumi.Config("bootstrap");
const gcpConfig = new pulumi.Config("gcp");

function run(): CiBootstrapOutputs | BootstrapOutputs {
    if (config.get("kind") === "ci") {
        return runCiBootstrap({
            project: gcpConfig.require("project"),
            github: config.requireObject<CiBootstrapArgs["github"]>("github"),
            stacks: config.requireObject<CiBootstrapArgs["stacks"]>("stacks"),
        });
    }
    return runBootstrap({
        project: gcpConfig.require("project"),
        env: config.require("env") as StackName,
        bucketLocation: config.get("bucketLocation") ?? gcpConfig.require("region"),
        kmsLocation: config.get("kmsLocation") ?? gcpConfig.require("region"),
        noncurrentVersions: config.getNumber("noncurrentVersions"),
        billingAccount: config.require("billingAccount"),
        ciProject: config.get("ciProject"),
    });
}

export = run();
