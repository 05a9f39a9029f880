using System.CommandLine;
using Rapport.Connectors.GitHub;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport hooks github secret</c>: the secret that signs a workspace's GitHub webhook deliveries.</summary>
internal static class HookCommands
{
    public static Command Create(CommandRunner runner) =>
        new("hooks", "Webhooks that send events to rapport serve")
        {
            new Command("github", "GitHub webhooks (POST /hooks/github/<workspace>)") { SecretCommand(runner) },
        };

    private static Command SecretCommand(CommandRunner runner)
    {
        var fromStdin = new Option<bool>("--secret-stdin")
        {
            Description = "Read the secret from standard input instead of generating one (e.g. to keep a webhook's existing secret)",
        };
        var url = new Option<string>("--url")
        {
            Description = $"The address GitHub reaches rapport serve at, for the payload URL printed (default {ServeCommand.DefaultUrls})",
            DefaultValueFactory = _ => ServeCommand.DefaultUrls,
        };
        var secret = new Command("secret", "Set the workspace's GitHub webhook secret (created if new), replacing an earlier one") { fromStdin, url };
        runner.AttachAudited(secret, "SetGitHubWebhookSecret", async (scope, cancellationToken) =>
        {
            if (!Uri.TryCreate(scope.Get(url), UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            {
                throw new CliException($"--url must be an http or https address such as https://rapport.example.com, not '{scope.Get(url)}'");
            }

            var given = scope.Get(fromStdin);
            var value = given ? await ReadSecretAsync(cancellationToken) : GitHubWebhookSignature.NewSecret();
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            await scope.Store.SetWebhookSecretAsync(workspace, GitHubEventMapper.Source, value, cancellationToken);

            var payloadUrl = $"{baseUrl.AbsoluteUri.TrimEnd('/')}/hooks/github/{workspace.Slug}";
            if (given)
            {
                AnsiConsole.MarkupLine($"Stored the GitHub webhook secret from standard input for workspace [bold]{Markup.Escape(workspace.Slug)}[/].");
            }
            else
            {
                AnsiConsole.MarkupLine($"Stored a new GitHub webhook secret for workspace [bold]{Markup.Escape(workspace.Slug)}[/]:");
                await Console.Out.WriteLineAsync(value);
            }

            // Plain lines, not markup: a console narrower than the URL must not wrap what is to be pasted.
            await Console.Out.WriteLineAsync("In the repository or organization on GitHub: Settings > Webhooks > Add webhook, with");
            await Console.Out.WriteLineAsync($"  Payload URL:   {payloadUrl}");
            await Console.Out.WriteLineAsync("  Content type:  application/json");
            await Console.Out.WriteLineAsync(given
                ? "  Secret:        the secret you gave"
                : "  Secret:        the secret above (it is not shown again; run this command again to replace it)");
            return 0;
        });
        return secret;
    }

    private static async Task<string> ReadSecretAsync(CancellationToken cancellationToken)
    {
        var text = (await Console.In.ReadToEndAsync(cancellationToken)).Trim();
        return text.Length > 0
            ? text
            : throw new CliException("--secret-stdin read no secret from standard input; pipe it in, e.g. printf %s \"$SECRET\" | rapport hooks github secret --secret-stdin");
    }
}
