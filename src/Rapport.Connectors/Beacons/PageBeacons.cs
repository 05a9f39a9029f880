using System.Text.Json;
using Rapport.Connectors.Segment;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.Beacons;

/// <summary>
/// The first-party script's beacons as activities for the one ingest path: the view's first beacon is a <c>page</c>
/// activity, each later one a <c>Page Engaged</c> activity with the engaged seconds added since; both carry the view
/// id, so reach reports add a view's engaged time up. The reader is the anonymous id the script keeps in
/// localStorage; the IP address is not kept.
/// </summary>
public static class PageBeacons
{
    public const string Source = "t.js";

    public const string EngagedActivityType = "Page Engaged";

    /// <summary>A beacon body is small: a URL, a title and a few ids.</summary>
    public const int MaxBodyBytes = 8 * 1024;

    private const int MaxIdLength = 100;

    private const int MaxUrlLength = 2048;

    /// <summary>The site key of a beacon body, or <c>null</c> when the body is not a JSON object with a key in <c>k</c>.</summary>
    public static string? KeyOf(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKey = reader.ValueTextEquals("k"u8);
                reader.Read();
                if (isKey)
                {
                    return reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 and <= 200 } key ? key : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: there is no key to read, which the caller answers as a missing key.
        }

        return null;
    }

    /// <summary>Reads a beacon body (JSON, sent as text/plain so that no CORS preflight is needed).</summary>
    public static PageBeacon Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new PageBeaconFormatException($"a beacon is at most {MaxBodyBytes} bytes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException e)
        {
            throw new PageBeaconFormatException($"the beacon is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PageBeaconFormatException("the beacon is not a JSON object");
            }

            var url = Text(root, "u", MaxUrlLength, required: true)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw new PageBeaconFormatException("u (the page's address) must be an http or https URL");
            }

            var sequence = root.TryGetProperty("n", out var n) && n.TryGetInt32(out var number) && number is >= 0 and <= 1000
                ? number
                : throw new PageBeaconFormatException("n (the beacon's number) must be a whole number from 0 to 1000");
            var seconds = root.TryGetProperty("e", out var e) && e.TryGetDouble(out var engaged) && engaged is >= 0 and <= 86_400
                ? Math.Round(engaged, 1)
                : throw new PageBeaconFormatException("e (engaged seconds) must be a number from 0 to 86400");
            return new PageBeacon(
                Text(root, "k", 200, required: true)!, Text(root, "a", MaxIdLength, required: true)!, Text(root, "v", MaxIdLength, required: true)!,
                sequence, url, Text(root, "r", MaxUrlLength, required: false), Text(root, "t", 500, required: false), seconds);
        }
    }

    /// <summary>The activity a beacon stands for, at <paramref name="receivedAt"/> (the browser's clock is not trusted).</summary>
    public static IngestMessage ToMessage(PageBeacon beacon, DateTime receivedAt, string? userAgent)
    {
        var identity = Identity.Create(IdentityKinds.Anonymous, beacon.AnonymousId);
        var messageId = $"tjs:{beacon.ViewId}:{beacon.Sequence}";
        var properties = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["viewId"] = beacon.ViewId,
            ["engagedSeconds"] = beacon.EngagedSeconds,
        });
        return new IngestMessage
        {
            MessageId = messageId,
            MessageKey = MessageKeys.For(messageId),
            Kind = beacon.Sequence == 0 ? MessageKind.Page : MessageKind.Track,
            ActivityType = beacon.Sequence == 0 ? "page" : EngagedActivityType,
            Primary = identity,
            Identities = [identity],
            Timestamp = receivedAt,
            PropertiesJson = properties,
            Context = new ActivityContext
            {
                Url = beacon.Url,
                Referrer = string.IsNullOrEmpty(beacon.Referrer) ? null : beacon.Referrer,
                Title = string.IsNullOrEmpty(beacon.Title) ? null : beacon.Title,
                UserAgent = userAgent,
            },
            Source = Source,
        };
    }

    private static string? Text(JsonElement root, string name, int maxLength, bool required)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new PageBeaconFormatException($"{name} is missing") : null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new PageBeaconFormatException($"{name} must be a string");
        if (required && string.IsNullOrWhiteSpace(text))
        {
            throw new PageBeaconFormatException($"{name} is empty");
        }

        return text.Length > maxLength ? throw new PageBeaconFormatException($"{name} is longer than {maxLength} characters") : text;
    }
}
