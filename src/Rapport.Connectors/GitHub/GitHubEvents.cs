namespace Rapport.Connectors.GitHub;

/// <summary>
/// Which GitHub webhook events become activities, and which are acknowledged and ignored; documented in
/// docs/connectors/github.md. Events on neither list (GitHub adds new ones) are acknowledged and ignored too, so a new
/// event never shows up as a failed delivery in GitHub's settings.
/// </summary>
public static class GitHubEvents
{
    /// <summary>
    /// Mapped events and the actions that become activities; an empty list for events without an action
    /// (<c>fork</c>, <c>push</c>, <c>public</c>). Other actions of these events (edits, labels, assignments, deletions)
    /// are maintainers' housekeeping or take something back, so they are ignored.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Mapped { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["star"] = ["created"],
        ["watch"] = ["started"],
        ["fork"] = [],
        ["issues"] = ["opened", "closed", "reopened"],
        ["issue_comment"] = ["created"],
        ["pull_request"] = ["opened", "closed", "reopened"],
        ["pull_request_review"] = ["submitted"],
        ["pull_request_review_comment"] = ["created"],
        ["commit_comment"] = ["created"],
        ["discussion"] = ["created", "answered"],
        ["discussion_comment"] = ["created"],
        ["release"] = ["published"],
        ["push"] = [],
        ["sponsorship"] = ["created"],
        ["member"] = ["added"],
        ["public"] = [],
    };

    /// <summary>
    /// Events acknowledged and ignored: repository configuration, CI and deployments, apps and billing, projects and
    /// teams. They describe the repository or its automation rather than something a developer in the community did.
    /// <c>ping</c> is GitHub's test delivery when a webhook is created.
    /// </summary>
    public static IReadOnlyList<string> Ignored { get; } =
    [
        "branch_protection_configuration", "branch_protection_rule", "check_run", "check_suite", "code_scanning_alert",
        "create", "custom_property", "custom_property_values", "delete", "dependabot_alert", "deploy_key", "deployment",
        "deployment_protection_rule", "deployment_review", "deployment_status", "github_app_authorization", "gollum",
        "installation", "installation_repositories", "installation_target", "issue_dependencies", "label",
        "marketplace_purchase", "membership", "merge_group", "meta", "milestone", "org_block", "organization", "package",
        "page_build", "personal_access_token_request", "ping", "project", "project_card", "project_column", "projects_v2",
        "projects_v2_item", "projects_v2_status_update", "pull_request_review_thread", "registry_package", "repository",
        "repository_advisory", "repository_dispatch", "repository_import", "repository_ruleset",
        "repository_vulnerability_alert", "secret_scanning_alert", "secret_scanning_alert_location", "secret_scanning_scan",
        "security_advisory", "security_and_analysis", "status", "sub_issues", "team", "team_add", "workflow_dispatch",
        "workflow_job", "workflow_run",
    ];
}
