using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Connectors.Outbound;
using Rapport.Core.Webhooks;
using Rapport.Webhooks;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// <c>rapport webhooks add|list|remove|test|deliver|deliveries</c>: outbound webhooks that announce what Rapport
/// notices (docs/webhooks.md).
/// </summary>
internal static class WebhookCommands
{
    public static Command Create(CommandRunner runner) =>
        new("webhooks", "Outbound webhooks: send events such as drql.created to your URLs, signed")
        {
            AddCommand(runner),
            ListCommand(runner),
            RemoveCommand(runner),
            TestCommand(runner),
            DeliverCommand(runner),
            DeliveriesCommand(runner),
        };

    private static Argument<long> Id { get; } = new("ID") { Description = "The subscription's number, as webhooks list shows it" };

    private static Command AddCommand(CommandRunner runner)
    {
        var url = new Argument<string>("URL") { Description = "Where to post events: an http or https URL" };
        var events = new Option<string>("--events")
        {
            Description = $"Comma-separated events to send: {string.Join(", ", WebhookEventNames.Subscribable)}, or * for all",
            Required = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "json (Rapport's signed envelope, the default) or slack ({\"text\": …} for a Slack incoming webhook)",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong([.. WebhookFormats.Names]);
        var add = new Command("add", "Subscribe a URL to events; prints the signing secret once") { url, events, format };
        runner.AttachAudited(add, "AddWebhook", async (scope, cancellationToken) =>
        {
            await OutboundUrls.CheckAsync(WebhookUrl.Parse(scope.Get(url)), scope.Settings.Security.AllowPrivateNetworkUrls, cancellationToken);
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var created = await scope.Store.AddWebhookSubscriptionAsync(
                workspace, scope.Get(url)!, [scope.Get(events)!], WebhookFormats.Parse(scope.Get(format)), cancellationToken);
            var subscription = created.Subscription;
            AnsiConsole.MarkupLine(
                $"Subscribed [bold]{Markup.Escape(subscription.Url)}[/] (webhook {subscription.Id}, {WebhookFormats.Name(subscription.Format)}) " +
                $"to {Markup.Escape(string.Join(", ", subscription.Events))} in workspace [bold]{Markup.Escape(workspace.Slug)}[/]. Signing secret:");
            await Console.Out.WriteLineAsync(created.Secret);
            AnsiConsole.MarkupLine(
                $"Copy it now: it is not shown again. Deliveries carry {WebhookHeaders.Signature}: sha256=HMAC-SHA256(secret, body); see docs/webhooks.md.");
            return 0;
        });
        return add;
    }

    private static Command ListCommand(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the subscriptions (never their secrets)");
        var list = new Command("list", "List the workspace's webhook subscriptions") { json };
        runner.Attach(list, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var subscriptions = await scope.Store.ListWebhookSubscriptionsAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(subscriptions);
                return 0;
            }

            if (subscriptions.Count == 0)
            {
                AnsiConsole.MarkupLine($"Workspace [bold]{Markup.Escape(workspace.Slug)}[/] has no webhooks; add one with rapport webhooks add URL --events drql.created.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Id").AddColumn("URL").AddColumn("Events").AddColumn("Format").AddColumn("Created");
            foreach (var subscription in subscriptions)
            {
                table.AddRow($"{subscription.Id}", Markup.Escape(subscription.Url), Markup.Escape(string.Join(", ", subscription.Events)),
                    WebhookFormats.Name(subscription.Format), $"{subscription.CreatedAt:yyyy-MM-dd HH:mm}");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }

    private static Command RemoveCommand(CommandRunner runner)
    {
        var remove = new Command("remove", "Remove a subscription; its deliveries that are not sent yet are cancelled") { Id };
        runner.AttachAudited(remove, "RemoveWebhook", async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            if (!await scope.Store.RemoveWebhookSubscriptionAsync(workspace, scope.Get(Id), cancellationToken))
            {
                throw new CliException($"workspace '{workspace.Slug}' has no webhook {scope.Get(Id)}; rapport webhooks list shows them");
            }

            AnsiConsole.MarkupLine($"Removed webhook {scope.Get(Id)}.");
            return 0;
        });
        return remove;
    }

    private static Command TestCommand(CommandRunner runner)
    {
        var test = new Command("test", "Send a ping to a subscription now and show what the receiver answered") { Id };
        runner.Attach(test, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var deliveryId = await scope.Store.AddWebhookPingAsync(workspace, scope.Get(Id), cancellationToken)
                ?? throw new CliException($"workspace '{workspace.Slug}' has no webhook {scope.Get(Id)}; rapport webhooks list shows them");
            using var http = WebhookDeliverer.CreateHttpClient(scope.Settings.Security.AllowPrivateNetworkUrls);
            var deliverer = new WebhookDeliverer(scope.Store, http, scope.Clock, new WebhookDeliveryOptions(), NullLogger.Instance);
            if (await deliverer.DeliverNowAsync(workspace, deliveryId, cancellationToken) is not { } result)
            {
                AnsiConsole.MarkupLine($"Queued ping {deliveryId}; a running rapport serve is delivering it (see rapport webhooks deliveries).");
                return 0;
            }

            var (attempt, status) = result;

            if (attempt.Succeeded)
            {
                AnsiConsole.MarkupLine($"Delivered ping {deliveryId}: HTTP {attempt.StatusCode} in {attempt.DurationMs} ms.");
                return 0;
            }

            await Console.Error.WriteLineAsync(
                $"rapport: the ping {deliveryId} was not delivered: {attempt.Error}; " +
                (status == WebhookDeliveryStatus.Pending ? "it will be retried (rapport webhooks deliveries shows when)" : "it has failed"));
            return CommandRunner.Failed;
        });
        return test;
    }

    private static Command DeliverCommand(CommandRunner runner)
    {
        var deliver = new Command("deliver", "Send every delivery that is due now, in every workspace, then exit (for cron; rapport serve does this itself)");
        runner.Attach(deliver, async (scope, cancellationToken) =>
        {
            using var http = WebhookDeliverer.CreateHttpClient(scope.Settings.Security.AllowPrivateNetworkUrls);
            var deliverer = new WebhookDeliverer(scope.Store, http, scope.Clock, new WebhookDeliveryOptions(), NullLogger.Instance);
            var summary = await deliverer.DeliverDueAsync(cancellationToken);
            AnsiConsole.MarkupLine(
                $"{summary.Attempts} due: {summary.Delivered} delivered, {summary.Retrying} to retry later, {summary.Failed} failed for good.");
            return 0;
        });
        return deliver;
    }

    private static Command DeliveriesCommand(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the deliveries with every attempt");
        var status = new Option<string?>("--status") { Description = "Only deliveries with this status: pending, sending, delivered, failed, cancelled" };
        status.AcceptOnlyFromAmong("pending", "sending", "delivered", "failed", "cancelled");
        var limit = new Option<int>("--limit") { Description = "How many, newest first (default 50)", DefaultValueFactory = _ => 50 };
        var deliveries = new Command("deliveries", "The delivery log: each event sent to each subscription, its attempts, answers and next retry")
        {
            status, limit, json,
        };
        runner.Attach(deliveries, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var wanted = scope.Get(status) is { } name ? WebhookDeliveryStatuses.Parse(name) : (WebhookDeliveryStatus?)null;
            var log = await scope.Store.ListWebhookDeliveriesAsync(workspace, wanted, scope.Get(limit), cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(log);
                return 0;
            }

            if (log.Count == 0)
            {
                AnsiConsole.MarkupLine("No deliveries yet.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Delivery").AddColumn("Event").AddColumn("Webhook").AddColumn("Status").AddColumn("Attempts").AddColumn("Last answer").AddColumn("Next retry");
            foreach (var delivery in log)
            {
                table.AddRow(
                    delivery.Id.ToString()[..8], Markup.Escape(delivery.Event), $"{delivery.SubscriptionId} {Markup.Escape(delivery.Url)}",
                    WebhookDeliveryStatuses.Name(delivery.Status), $"{delivery.Attempts}",
                    Markup.Escape(delivery.LastError ?? (delivery.LastStatusCode is { } code ? $"HTTP {code}" : "")),
                    delivery.NextAttemptAt is { } next ? $"{next:yyyy-MM-dd HH:mm:ss}" : "");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return deliveries;
    }
}
