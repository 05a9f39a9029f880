using System.CommandLine;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Dashboard;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport users create|list|link|password|disable|enable|remove</c>: the people who sign in to the dashboard.</summary>
internal static class UserCommands
{
    /// <summary>How long a sign-in link printed by the command line works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    private static Option<string> Email { get; } = new("--email") { Description = "The user's email address", Required = true };

    private static Option<string> Url { get; } = new("--url")
    {
        Description = $"Where rapport serve is reached, for the sign-in link (default {ServeCommand.DefaultUrls})",
        DefaultValueFactory = _ => ServeCommand.DefaultUrls,
    };

    private static Option<bool> PasswordStdin { get; } = new("--password-stdin")
    {
        Description = $"Read a password (at least {UserPasswords.MinimumLength} characters) from standard input instead of printing a sign-in link",
    };

    public static Command Create(CommandRunner runner) =>
        new("users", "The people who sign in to the dashboard: owners, editors and viewers")
        {
            CreateCommand(runner),
            ListCommand(runner),
            LinkCommand(runner),
            PasswordCommand(runner),
            DisableCommand(runner),
            EnableCommand(runner),
            RemoveCommand(runner),
        };

    /// <summary>Creates a link for the user and prints it.</summary>
    public static async Task PrintSignInLinkAsync(IRapportStore store, UserAccount user, string baseUrl, CancellationToken cancellationToken)
    {
        var link = await store.CreateSignInLinkAsync(user.Id, LinkLifetime, cancellationToken);
        AnsiConsole.MarkupLine($"A one-time sign-in link for [bold]{Markup.Escape(user.Email)}[/], valid until {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC:");
        await Console.Out.WriteLineAsync($"{BaseUrl(baseUrl)}/signin/link/{link.Token}");
    }

    private static Command CreateCommand(CommandRunner runner)
    {
        var role = new Option<string>("--role") { Description = "owner (everything), editor (changes developers) or viewer (looks)", Required = true };
        role.AcceptOnlyFromAmong("owner", "editor", "viewer");
        var create = new Command("create", "Create a user; prints a one-time sign-in link unless --password-stdin gives a password")
        {
            Email, role, PasswordStdin, Url,
        };
        runner.AttachAudited(create, "CreateUser", async (scope, cancellationToken) =>
        {
            var hash = scope.Get(PasswordStdin) ? UserPasswords.Hash(await ReadPasswordAsync(cancellationToken)) : null;
            UserAccount user;
            try
            {
                user = await scope.Store.CreateUserAsync(scope.Get(Email)!, UserRoles.Parse(scope.Get(role)!), hash, cancellationToken);
            }
            catch (Exception e) when (e is UserExistsException or FormatException)
            {
                throw new CliException(e.Message);
            }

            AnsiConsole.MarkupLine($"Created the {UserRoles.Name(user.Role)} [bold]{Markup.Escape(user.Email)}[/].");
            if (hash is null)
            {
                await PrintSignInLinkAsync(scope.Store, user, scope.Get(Url)!, cancellationToken);
            }

            return 0;
        });
        return create;
    }

    private static Command ListCommand(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the users");
        var list = new Command("list", "List the users: email, role, whether a password is set, last sign-in") { json };
        runner.Attach(list, async (scope, cancellationToken) =>
        {
            var users = await scope.Store.ListUsersAsync(cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(users.Select(user => new
                {
                    user.Id,
                    user.Email,
                    Role = UserRoles.Name(user.Role),
                    user.HasPassword,
                    user.CreatedAt,
                    user.LastSignInAt,
                    user.DisabledAt,
                }));
                return 0;
            }

            if (users.Count == 0)
            {
                AnsiConsole.MarkupLine("There are no users yet; create one with rapport users create --email … --role owner.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Email").AddColumn("Role").AddColumn("Password").AddColumn("Last sign-in").AddColumn("Disabled");
            foreach (var user in users)
            {
                table.AddRow(Markup.Escape(user.Email), UserRoles.Name(user.Role), user.HasPassword ? "set" : "link only",
                    user.LastSignInAt is { } at ? $"{at:yyyy-MM-dd HH:mm}" : "never", user.DisabledAt is { } off ? $"{off:yyyy-MM-dd HH:mm}" : "");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }

    private static Command LinkCommand(CommandRunner runner)
    {
        var link = new Command("link", "Print a new one-time sign-in link for a user") { Email, Url };
        runner.AttachAudited(link, "CreateSignInLink", async (scope, cancellationToken) =>
        {
            var user = await FindAsync(scope, cancellationToken);
            try
            {
                await PrintSignInLinkAsync(scope.Store, user, scope.Get(Url)!, cancellationToken);
                return 0;
            }
            catch (UserDisabledException e)
            {
                throw new CliException($"{e.Message}: rapport users enable {e.Email} first");
            }
        });
        return link;
    }

    private static Command PasswordCommand(CommandRunner runner)
    {
        var password = new Command("password", "Set a user's password, read from standard input") { Email };
        runner.AttachAudited(password, "SetUserPassword", async (scope, cancellationToken) =>
        {
            var user = await FindAsync(scope, cancellationToken);
            await scope.Store.SetPasswordHashAsync(user.Id, UserPasswords.Hash(await ReadPasswordAsync(cancellationToken)), cancellationToken);
            AnsiConsole.MarkupLine($"Set the password of [bold]{Markup.Escape(user.Email)}[/].");
            return 0;
        });
        return password;
    }

    private static Command DisableCommand(CommandRunner runner)
    {
        var disable = new Command("disable", "Disable a user: they cannot sign in and are signed out at their next request") { Email };
        runner.Attach(disable, async (scope, cancellationToken) =>
        {
            var user = await FindAsync(scope, cancellationToken);
            if (!OwnerRule.KeepsAnOwner(await scope.Store.ListUsersAsync(cancellationToken), user.Id, null))
            {
                throw new CliException($"{user.Email} is the last active owner: make someone else an owner first");
            }

            await scope.Store.SetUserDisabledAsync(user.Id, disabled: true, cancellationToken);
            AnsiConsole.MarkupLine($"Disabled [bold]{Markup.Escape(user.Email)}[/].");
            return 0;
        });
        return disable;
    }

    private static Command EnableCommand(CommandRunner runner)
    {
        var enable = new Command("enable", "Enable a disabled user; they sign in with their password or a new link (rapport users link)") { Email };
        runner.Attach(enable, async (scope, cancellationToken) =>
        {
            var user = await FindAsync(scope, cancellationToken);
            await scope.Store.SetUserDisabledAsync(user.Id, disabled: false, cancellationToken);
            AnsiConsole.MarkupLine($"Enabled [bold]{Markup.Escape(user.Email)}[/].");
            return 0;
        });
        return enable;
    }

    private static Command RemoveCommand(CommandRunner runner)
    {
        var remove = new Command("remove", "Remove a user; they are signed out at their next request") { Email };
        runner.AttachAudited(remove, "RemoveUser", async (scope, cancellationToken) =>
        {
            var user = await FindAsync(scope, cancellationToken);
            await scope.Store.DeleteUserAsync(user.Id, cancellationToken);
            AnsiConsole.MarkupLine($"Removed [bold]{Markup.Escape(user.Email)}[/].");
            return 0;
        });
        return remove;
    }

    private static async Task<UserAccount> FindAsync(CommandScope scope, CancellationToken cancellationToken) =>
        await scope.Store.FindUserAsync(scope.Get(Email)!, cancellationToken)
        ?? throw new CliException($"there is no user {scope.Get(Email)}; rapport users list shows them");

    private static async Task<string> ReadPasswordAsync(CancellationToken cancellationToken)
    {
        var password = (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n') ?? "";
        return password.Length >= UserPasswords.MinimumLength
            ? password
            : throw new CliException($"the password on standard input needs at least {UserPasswords.MinimumLength} characters");
    }

    private static string BaseUrl(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0].TrimEnd('/');
}
