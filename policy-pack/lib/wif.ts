// What a workload identity pool provider's attributeCondition must pin, per issuer. An issuer
// vouches for every identity on its platform: a GitHub provider without a repository pin accepts
// any repository's workflow, a Pulumi Cloud one any organization's deployments.

import { PlainObject, UNKNOWN, Unknown, get, str } from "./props";

export interface Issuer {
    /** The platform's name, for messages. */
    readonly name: string;
    /** What an unpinned condition lets in, for messages: "any repository". */
    readonly anyone: string;
    /** What the condition must pin, for messages. */
    readonly pin: string;
    /** An example condition, for messages. */
    readonly example: string;
    /** Terms (one side of an `||`, read as `&&`-joined terms) that pin what must be pinned. */
    readonly pins: ReadonlyArray<RegExp>;
}

const QUOTED = String.raw`['"][^'"]+['"]`;

const GITHUB: Issuer = {
    name: "GitHub",
    anyone: "any repository on GitHub",
    pin: "the repository (assertion.repository_id, or assertion.repository as owner/name)",
    example: "assertion.repository == 'owner/repo'",
    pins: [
        new RegExp(String.raw`(?:assertion|attribute)\.repository_id\s*==\s*${QUOTED}`),
        new RegExp(String.raw`(?:assertion|attribute)\.repository\s*==\s*['"][^'"/\s]+/[^'"/\s]+['"]`),
        new RegExp(String.raw`(?:assertion\.sub|google\.subject)\s*==\s*['"]repo:[^'"/\s]+/[^'":\s]+:`),
        new RegExp(String.raw`(?:assertion\.sub|google\.subject)\.startsWith\(\s*['"]repo:[^'"/\s]+/[^'":\s]+:`),
    ],
};

const PULUMI_CLOUD: Issuer = {
    name: "Pulumi Cloud",
    anyone: "any organization's deployments and environments on Pulumi Cloud",
    pin: "the organization and project (assertion.sub starting with pulumi:deploy:org:<org>:project:<project>:)",
    example: "assertion.sub.startsWith('pulumi:deploy:org:acme:project:platform:')",
    pins: [
        /(?:assertion\.sub|google\.subject)(?:\s*==\s*|\.startsWith\(\s*)['"]pulumi:(?:deploy|environments):org:[^:'"]+:(?:project|env):[^:'"]+/,
    ],
};

const GITLAB: Issuer = {
    name: "GitLab",
    anyone: "any project on GitLab",
    pin: "the project (assertion.project_id, or assertion.project_path as group/project)",
    example: "assertion.project_path == 'group/project'",
    pins: [
        new RegExp(String.raw`assertion\.project_id\s*==\s*${QUOTED}`),
        new RegExp(String.raw`assertion\.project_path\s*==\s*['"][^'"\s]+/[^'"\s]+['"]`),
    ],
};

/** The issuer of a provider (OIDC issuerUri); a generic one for any other issuer. */
export function issuerOf(props: PlainObject): Issuer | Unknown {
    const uri = str(get(props, "oidc", "issuerUri"));
    if (uri === UNKNOWN) return UNKNOWN;
    if (uri === undefined) {
        return get(props, "aws") !== undefined
            ? { name: "AWS", anyone: "any role in the AWS account", pin: "the role (attribute.aws_role)", example: "attribute.aws_role == 'arn:aws:sts::123456789012:assumed-role/ci'", pins: [/aws_role\s*==\s*['"]/] }
            : genericIssuer("the issuer");
    }
    const host = uri.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
    if (host === "token.actions.githubusercontent.com") return GITHUB;
    if (host === "api.pulumi.com") return PULUMI_CLOUD;
    if (host === "gitlab.com") return GITLAB;
    return genericIssuer(host);
}

function genericIssuer(host: string): Issuer {
    return {
        name: host,
        anyone: `any identity ${host} vouches for`,
        pin: "the subject (assertion.sub)",
        example: "assertion.sub == '<the one subject allowed>'",
        pins: [new RegExp(String.raw`(?:assertion\.sub|google\.subject)(?:\s*==\s*|\.startsWith\(\s*)${QUOTED}`)],
    };
}

/**
 * Whether a condition pins what the issuer requires: every `||` alternative must carry a pin
 * (`a == 'x' || true` pins nothing). Attribute pins count only when the mapping feeds the attribute
 * from the assertion it stands for.
 */
export function conditionPins(condition: string, issuer: Issuer, mapping: PlainObject | undefined): boolean {
    const alternatives = condition.split("||");
    return alternatives.every((alternative) =>
        issuer.pins.some((pin) => {
            const match = pin.exec(alternative);
            if (!match) return false;
            const attribute = /attribute\.(\w+)/.exec(match[0]);
            return !attribute || str(get(mapping, `attribute.${attribute[1]}`)) === `assertion.${attribute[1]}`;
        }),
    );
}
