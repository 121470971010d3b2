// Entry point: read the stack config (Pulumi.<stack>.yaml), run the bootstrap of the CI project
// (stack mindmirror-ci) or of a platform stack's project, export its outputs.

import { readBootstrapConfig } from "./config";
import { CiBootstrapOutputs, runCiBootstrap } from "./ci-program";
import { BootstrapOutputs, runBootstrap } from "./program";

function run(): CiBootstrapOutputs | BootstrapOutputs {
    const config = readBootstrapConfig();
    return config.kind === "ci" ? runCiBootstrap(config.args) : runBootstrap(config.args);
}

export = run();
