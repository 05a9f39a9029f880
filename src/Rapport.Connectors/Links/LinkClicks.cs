using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Links;
using Rapport.Core.Reach;

namespace Rapport.Connectors.Links;

/// <summary>
/// A click on a tracked link as a <c>link.click</c> activity for the one ingest path. The clicker is not known yet: a
/// person's click belongs to the identity <c>click:ID</c> (the click id), which a later message carrying the id ties to
/// a developer; a bot's or a HEAD request's click belongs to <c>bot:…</c> (a hash of its user agent), one per crawler,
/// so crawlers never count as developers one click at a time.
/// </summary>
public static class LinkClicks
{
    public const string ActivityType = "link.click";

    public const string ClickIdentityKind = "click";

    public const string BotIdentityKind = "bot";

    /// <summary>A new click id: 12 random lower-case letters and digits.</summary>
    public static string NewClickId() => string.Create(12, 0, static (span, _) =>
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }
    });

    public static IngestMessage ToMessage(
        TrackedLink link, string clickId, DateTime at, string method, string? referrer, string? userAgent, string? ip, TrafficClass traffic)
    {
        var identity = traffic.IsHuman()
            ? Identity.Create(ClickIdentityKind, clickId)
            : Identity.Create(BotIdentityKind, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userAgent ?? "")))[..16]);
        var properties = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["slug"] = link.Slug,
            ["contentId"] = link.ContentId,
            ["destination"] = link.Destination,
            ["clickId"] = clickId,
            ["method"] = method,
            ["traffic"] = traffic.Names(),
        });
        var campaign = JsonSerializer.Serialize(new Dictionary<string, string?> { ["source"] = link.Channel, ["name"] = link.Campaign });
        var messageId = "link:" + clickId;
        return new IngestMessage
        {
            MessageId = messageId,
            MessageKey = MessageKeys.For(messageId),
            Kind = MessageKind.Track,
            ActivityType = ActivityType,
            Primary = identity,
            Identities = [identity],
            Timestamp = at,
            PropertiesJson = properties,
            Context = new ActivityContext
            {
                Channel = link.Channel,
                Url = link.Destination,
                Referrer = referrer,
                UserAgent = userAgent,
                Ip = ip,
                CampaignJson = campaign,
            },
            Source = "link",
        };
    }
}
