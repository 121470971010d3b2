// What pulumi/examples gcp-ts-slackbot declares (facts, not its code): a topic, an HTTP 1st gen
// function that Slack calls, and a 1st gen function triggered by the topic (no URL at all).
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const topic = new gcp.pubsub.Topic("messages");
const code = new gcp.storage.Bucket("mentionbot-code", { location: "US" });
const source = new gcp.storage.BucketObject("mentionbot-source", {
    bucket: code.name,
    source: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = () => {};") }),
});

new gcp.cloudfunctions.Function("mentionbot", {
    runtime: "nodejs20",
    entryPoint: "handler",
    sourceArchiveBucket: code.name,
    sourceArchiveObject: source.name,
    triggerHttp: true,
});

new gcp.cloudfunctions.Function("processTopicMessage", {
    runtime: "nodejs20",
    entryPoint: "handler",
    sourceArchiveBucket: code.name,
    sourceArchiveObject: source.name,
    eventTrigger: { eventType: "google.pubsub.topic.publish", resource: topic.id },
});
