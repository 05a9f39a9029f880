using System.Text.Json;

namespace Rapport.Demo;

/// <summary>
/// A realistic synthetic developer audience as Segment JSON Lines: anonymous visitors arriving through several
/// channels, some signing up (identify links their anonymous id), learning, building and scaling, with drop-off at
/// every stage and developers who go quiet. Deterministic for a given seed.
/// </summary>
/// <param name="intensity">Scales repeated activity (page views, docs reads, API calls); 1 is the demo's shape.</param>
internal sealed class DemoTraffic(int developers, DateTime end, double intensity = DemoTraffic.DemoIntensity, int seed = 20240425)
{
    /// <summary>The demo's shape: about 52 activities per developer, over a million for 20,000 developers.</summary>
    public const double DemoIntensity = 3.0;

    private static readonly (string Channel, string? Referrer, double Weight)[] Channels =
    [
        ("google", "https://www.google.com/", 0.28),
        ("dev.to", "https://dev.to/rapport/measuring-reach", 0.12),
        ("dzone", "https://dzone.com/articles/measuring-reach", 0.05),
        ("youtube", "https://www.youtube.com/watch?v=demo", 0.12),
        ("hacker-news", "https://news.ycombinator.com/item?id=1", 0.08),
        ("reddit", "https://www.reddit.com/r/programming/", 0.07),
        ("twitter", "https://t.co/demo", 0.06),
        ("newsletter", null, 0.07),
        ("conference", null, 0.05),
        ("github", "https://github.com/rapport/samples", 0.10),
    ];

    private static readonly string[] FirstNames =
        ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Guido", "Radia", "Anders", "Mary", "Bjarne", "Hedy", "James", "Katherine", "Yukihiro", "Sophie", "Tim", "Jean"];

    private static readonly string[] LastNames =
        ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "van Rossum", "Perlman", "Hejlsberg", "Jackson", "Stroustrup", "Lamarr", "Gosling", "Johnson", "Matsumoto", "Wilson", "Berners-Lee", "Sammet"];

    private static readonly (string Company, string Domain)[] Companies =
    [
        ("Globex", "globex.example"), ("Initech", "initech.example"), ("Umbrella", "umbrella.example"), ("Hooli", "hooli.example"),
        ("Stark Industries", "stark.example"), ("Wayne Enterprises", "wayne.example"), ("Acme", "acme.example"), ("Soylent", "soylent.example"),
        ("Tyrell", "tyrell.example"), ("Cyberdyne", "cyberdyne.example"), ("", "gmail.com"), ("", "outlook.com"),
    ];

    private static readonly string[] BlogPosts = ["/blog/launch", "/blog/measuring-reach", "/blog/first-api-call", "/blog/sdk-v2", "/blog/case-study"];

    private static readonly string[] DocsPages = ["/docs/quickstart", "/docs/authentication", "/docs/sdk/python", "/docs/sdk/typescript", "/docs/sdk/csharp", "/docs/webhooks", "/docs/limits"];

    private readonly Random _random = new(seed);
    private readonly DateTime _start = end.AddDays(-365);
    private Utf8JsonWriter _writer = null!;
    private Stream _output = null!;
    private long _messages;
    private int _person;
    private int _sequence;
    private (string Name, string Email, string? Company, string? GitHub) _traits;

    /// <summary>Writes the whole audience to <paramref name="output"/>; returns the number of messages.</summary>
    public long Write(Stream output, Action<long>? onProgress = null)
    {
        _output = output;
        _writer = new Utf8JsonWriter(output);
        for (_person = 0; _person < developers; _person++)
        {
            WritePerson();
            if (onProgress is not null && _person % 1000 == 0)
            {
                onProgress(_messages);
            }
        }

        _writer.Flush();
        onProgress?.Invoke(_messages);
        return _messages;
    }

    private void WritePerson()
    {
        _sequence = 0;
        var anonymousId = $"anon-{_person:x6}-{_random.Next():x8}";
        var (channel, referrer) = PickChannel();
        var t = _start.AddMinutes(_random.NextDouble() * 365 * 24 * 60);

        // Discover: visits to the blog and home page.
        var visits = Repeat(2, 10);
        for (var i = 0; i < visits && t < end; i++)
        {
            var path = i == 0 || _random.NextDouble() < 0.6 ? BlogPosts[_random.Next(BlogPosts.Length)] : "/";
            Page(anonymousId, null, t, path, i == 0 ? referrer : null, i == 0 ? channel : null);
            t = t.AddHours(Exponential(30));
        }

        if (_random.NextDouble() < 0.08)
        {
            Track(anonymousId, null, t, "Post Viewed", $"{{\"channel\":\"{channel}\",\"engagedSeconds\":{_random.Next(5, 400)}}}");
        }

        if (t >= end || _random.NextDouble() > 0.48)
        {
            return;
        }

        // Evaluate: sign up, which links the anonymous visitor to a product user.
        var userId = $"u{_person}";
        _traits = PickTraits();
        t = t.AddHours(Exponential(3 * 24));
        Identify(anonymousId, userId, t);
        Track(anonymousId, userId, t, "Signed Up", null);
        if (_random.NextDouble() < 0.05)
        {
            // A second device, seen before the developer signs in on it: its history merges into theirs.
            var otherDevice = $"anon-{_person:x6}-b{_random.Next():x7}";
            Page(otherDevice, null, t.AddHours(2), DocsPages[0], null, null);
            Identify(otherDevice, userId, t.AddHours(3));
        }

        var docs = Repeat(2, 12);
        for (var i = 0; i < docs && t < end; i++)
        {
            Track(anonymousId, userId, t, "Docs Viewed", $"{{\"path\":\"{DocsPages[_random.Next(DocsPages.Length)]}\"}}");
            t = t.AddHours(Exponential(20));
        }

        if (t >= end || _random.NextDouble() > 0.55)
        {
            return;
        }

        // Learn: tutorials and the SDK.
        t = t.AddHours(Exponential(5 * 24));
        Track(anonymousId, userId, t, "Tutorial Started", "{\"tutorial\":\"quickstart\"}");
        t = t.AddHours(Exponential(6));
        if (_random.NextDouble() < 0.7)
        {
            Track(anonymousId, userId, t, "Tutorial Completed", "{\"tutorial\":\"quickstart\"}");
        }

        Track(anonymousId, userId, t.AddMinutes(20), "SDK Installed", $"{{\"language\":\"{(_random.NextDouble() < 0.5 ? "python" : "typescript")}\"}}");
        if (t >= end || _random.NextDouble() > 0.5)
        {
            return;
        }

        // Build: a project and API calls over the following weeks.
        t = t.AddHours(Exponential(7 * 24));
        Track(anonymousId, userId, t, "Project Created", null);
        var calls = Repeat(10, 120);
        for (var i = 0; i < calls && t < end; i++)
        {
            Track(anonymousId, userId, t, "API Called", $"{{\"endpoint\":\"/v1/items\",\"status\":{(_random.NextDouble() < 0.95 ? 200 : 429)}}}");
            t = t.AddHours(Exponential(10));
        }

        if (t >= end || _random.NextDouble() > 0.3)
        {
            return;
        }

        // Scale: a paid plan and a growing team.
        t = t.AddHours(Exponential(14 * 24));
        Track(anonymousId, userId, t, "Plan Upgraded", "{\"plan\":\"team\"}");
        Track(anonymousId, userId, t.AddDays(1), "Team Member Invited", null);
        var more = Repeat(20, 150);
        for (var i = 0; i < more && t < end; i++)
        {
            Track(anonymousId, userId, t, "API Called", "{\"endpoint\":\"/v1/items\",\"status\":200}");
            t = t.AddHours(Exponential(8));
        }
    }

    private void Page(string anonymousId, string? userId, DateTime at, string path, string? referrer, string? channel)
    {
        if (!Begin("page", anonymousId, userId, at))
        {
            return;
        }

        _writer.WriteStartObject("properties");
        _writer.WriteString("path", path);
        _writer.WriteString("url", $"https://rapport.example{path}");
        _writer.WriteEndObject();
        _writer.WriteStartObject("context");
        _writer.WriteStartObject("page");
        _writer.WriteString("url", $"https://rapport.example{path}");
        if (referrer is not null)
        {
            _writer.WriteString("referrer", referrer);
        }

        _writer.WriteEndObject();
        _writer.WriteString("userAgent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36");
        if (channel is not null && referrer is null)
        {
            _writer.WriteStartObject("campaign");
            _writer.WriteString("source", channel);
            _writer.WriteString("medium", channel == "newsletter" ? "email" : "event");
            _writer.WriteEndObject();
        }

        _writer.WriteEndObject();
        End();
    }

    private void Track(string anonymousId, string? userId, DateTime at, string name, string? propertiesJson)
    {
        if (!Begin("track", anonymousId, userId, at))
        {
            return;
        }

        _writer.WriteString("event", name);
        if (propertiesJson is not null)
        {
            _writer.WritePropertyName("properties");
            _writer.WriteRawValue(propertiesJson, skipInputValidation: true);
        }

        End();
    }

    private void Identify(string anonymousId, string userId, DateTime at)
    {
        if (!Begin("identify", anonymousId, userId, at))
        {
            return;
        }

        _writer.WriteStartObject("traits");
        _writer.WriteString("name", _traits.Name);
        _writer.WriteString("email", _traits.Email);
        if (_traits.Company is not null)
        {
            _writer.WriteString("company", _traits.Company);
        }

        if (_traits.GitHub is not null)
        {
            _writer.WriteString("github", _traits.GitHub);
        }

        _writer.WriteEndObject();
        End();
    }

    private (string, string, string?, string?) PickTraits()
    {
        var first = FirstNames[_random.Next(FirstNames.Length)];
        var last = LastNames[_random.Next(LastNames.Length)];
        var (company, domain) = Companies[_random.Next(Companies.Length)];
        var email = $"{first.ToLowerInvariant()}.{last.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}{_person}@{domain}";
        var github = _random.NextDouble() < 0.35 ? $"{first.ToLowerInvariant()}{_person}" : null;
        return ($"{first} {last}", email, company.Length > 0 ? company : null, github);
    }

    /// <summary>Starts a message, unless it would happen after the end of the demo's year.</summary>
    private bool Begin(string type, string anonymousId, string? userId, DateTime at)
    {
        if (at > end)
        {
            return false;
        }

        _writer.Reset(_output);
        _writer.WriteStartObject();
        _writer.WriteString("type", type);
        _writer.WriteString("messageId", $"demo-{_person}-{_sequence++}");
        _writer.WriteString("anonymousId", anonymousId);
        if (userId is not null)
        {
            _writer.WriteString("userId", userId);
        }

        _writer.WriteString("timestamp", at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    private void End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _output.WriteByte((byte)'\n');
        _messages++;
    }

    private (string Channel, string? Referrer) PickChannel()
    {
        var roll = _random.NextDouble();
        foreach (var (channel, referrer, weight) in Channels)
        {
            roll -= weight;
            if (roll <= 0)
            {
                return (channel, referrer);
            }
        }

        return (Channels[0].Channel, Channels[0].Referrer);
    }

    private int Repeat(int min, int max) => Math.Max(1, (int)Math.Round(_random.Next(min, max + 1) * intensity));

    private double Exponential(double meanHours) => -meanHours * Math.Log(1 - _random.NextDouble());
}
