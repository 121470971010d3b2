// Work delivered by Pub/Sub push: a topic, a dead-letter topic, and a push subscription that calls
// the service with an OIDC token of its own push identity, the only identity allowed to invoke it.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Labels } from "./labels";
import { Service } from "./service";

export interface PushTriggerArgs {
    readonly project: string;
    readonly projectNumber: string;
    readonly topicName: string;
    readonly pushAccountId: string;
    readonly target: Service;
    readonly path: string;
    /** Seconds the worker has to acknowledge; matches its request timeout. */
    readonly ackDeadlineSeconds: number;
    readonly labels: Labels;
    /** Deliveries before a message goes to the dead-letter topic. @default 5 */
    readonly maxDeliveryAttempts?: number;
    /** Grants the deployer actAs on the push account (creating the subscription needs it). */
    readonly allowDeployer?: (key: string, account: gcp.serviceaccount.Account) => pulumi.Resource;
}

export class PushTrigger extends pulumi.ComponentResource {
    public readonly topic: gcp.pubsub.Topic;
    public readonly deadLetter: gcp.pubsub.Topic;
    public readonly subscription: gcp.pubsub.Subscription;
    private readonly publishers = new Map<string, gcp.pubsub.TopicIAMMember>();

    constructor(private readonly name: string, args: PushTriggerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:PushTrigger", name, {}, opts);
        const pubsubAgent = `serviceAccount:service-${args.projectNumber}@gcp-sa-pubsub.iam.gserviceaccount.com`;

        this.topic = new gcp.pubsub.Topic(`${name}-topic`, {
            project: args.project,
            name: args.topicName,
            labels: { ...args.labels },
            messageRetentionDuration: "86400s",
        }, { parent: this });
        this.deadLetter = new gcp.pubsub.Topic(`${name}-dead-letter`, {
            project: args.project,
            name: `${args.topicName}-dead-letter`,
            labels: { ...args.labels },
            messageRetentionDuration: "604800s",
        }, { parent: this });

        const pushAccount = new gcp.serviceaccount.Account(`${name}-push-account`, {
            project: args.project,
            accountId: args.pushAccountId,
            displayName: `Pub/Sub push to ${args.topicName}`,
        }, { parent: this });
        const invoker = args.target.allowInvoker(`push-${args.topicName}`, pushAccount.member);
        const actAs = args.allowDeployer ? [args.allowDeployer(`push-${args.topicName}`, pushAccount)] : [];

        this.subscription = new gcp.pubsub.Subscription(`${name}-subscription`, {
            project: args.project,
            name: `${args.topicName}-push`,
            topic: this.topic.id,
            labels: { ...args.labels },
            ackDeadlineSeconds: args.ackDeadlineSeconds,
            messageRetentionDuration: "86400s",
            expirationPolicy: { ttl: "" },
            retryPolicy: { minimumBackoff: "10s", maximumBackoff: "600s" },
            deadLetterPolicy: { deadLetterTopic: this.deadLetter.id, maxDeliveryAttempts: args.maxDeliveryAttempts ?? 5 },
            pushConfig: {
                pushEndpoint: pulumi.interpolate`${args.target.uri}${args.path}`,
                oidcToken: { serviceAccountEmail: pushAccount.email, audience: args.target.uri },
            },
        }, { parent: this, dependsOn: [invoker, ...actAs] });

        // Dead-lettering needs the Pub/Sub service agent to publish there and to ack the original.
        new gcp.pubsub.TopicIAMMember(`${name}-dead-letter-publisher`, {
            project: args.project,
            topic: this.deadLetter.name,
            role: "roles/pubsub.publisher",
            member: pubsubAgent,
        }, { parent: this });
        new gcp.pubsub.SubscriptionIAMMember(`${name}-dead-letter-subscriber`, {
            project: args.project,
            subscription: this.subscription.name,
            role: "roles/pubsub.subscriber",
            member: pubsubAgent,
        }, { parent: this });

        this.registerOutputs({ topic: this.topic.id });
    }

    /** Lets one service publish tasks (`roles/pubsub.publisher` on this topic only). */
    allowPublisher(key: string, member: pulumi.Input<string>): gcp.pubsub.TopicIAMMember {
        const existing = this.publishers.get(key);
        if (existing) return existing;
        const grant = new gcp.pubsub.TopicIAMMember(`${this.name}-publisher-${key}`, {
            project: this.topic.project,
            topic: this.topic.name,
            role: "roles/pubsub.publisher",
            member,
        }, { parent: this });
        this.publishers.set(key, grant);
        return grant;
    }
}
