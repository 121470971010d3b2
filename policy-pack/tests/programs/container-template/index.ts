// What pulumi/templates container-gcp-typescript declares (facts, not its code): one Cloud Run
// service through the v1 API sized from config, and an invoker binding for allUsers.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const location = new pulumi.Config("gcp").require("region");
const service = new gcp.cloudrun.Service("service", {
    location,
    template: {
        spec: {
            containers: [{
                image: `gcr.io/${new pulumi.Config("gcp").require("project")}/${config.get("imageName") ?? "my-app"}`,
                resources: { limits: { memory: config.get("memory") ?? "1Gi", cpu: String(config.getNumber("cpu") ?? 1) } },
                ports: [{ containerPort: config.getNumber("containerPort") ?? 8080 }],
            }],
            containerConcurrency: config.getNumber("concurrency") ?? 80,
        },
    },
});
new gcp.cloudrun.IamMember("invoker", { location, service: service.name, role: "roles/run.invoker", member: "allUsers" });
