using System.Text;
using System.Text.Json;
using Rapport.Core.Journey;

namespace Rapport.Core.Leads;

/// <summary>
/// When an organization (or a developer with none) is a DevRel-qualified lead: any one of <see cref="Rules"/> met
/// by its developers. Counted developers can be limited to those active in the last <see cref="ActiveWithinDays"/>
/// days. Set per workspace as JSON (docs/leads.md).
/// </summary>
public sealed record LeadCriteria
{
    public LeadCriteria(IReadOnlyList<LeadRule> rules, int? activeWithinDays = null, bool developersWithoutOrganization = true)
    {
        if (rules.Count == 0)
        {
            throw new LeadCriteriaException("the criteria need at least one rule");
        }

        if (rules.FirstOrDefault(rule => rule.Developers < 1) is { } bad)
        {
            throw new LeadCriteriaException($"a rule needs at least 1 developer, not {bad.Developers}");
        }

        if (activeWithinDays is < 1)
        {
            throw new LeadCriteriaException($"activeWithinDays must be a positive number of days, not {activeWithinDays}");
        }

        Rules = [.. rules];
        ActiveWithinDays = activeWithinDays;
        DevelopersWithoutOrganization = developersWithoutOrganization;
    }

    /// <summary>An organization with at least 3 developers at Build or beyond, or one developer at Scale.</summary>
    public static LeadCriteria Default { get; } = new([new LeadRule(3, JourneyStage.Build), new LeadRule(1, JourneyStage.Scale)]);

    public IReadOnlyList<LeadRule> Rules { get; }

    /// <summary>Only developers whose last activity is this recent count; <c>null</c> counts everyone.</summary>
    public int? ActiveWithinDays { get; }

    /// <summary>Whether a developer with no known organization can be a lead alone (by a rule that needs one developer).</summary>
    public bool DevelopersWithoutOrganization { get; }

    /// <summary>The earliest stage any rule counts: developers before it cannot make a lead.</summary>
    public JourneyStage LowestStage => Rules.Min(rule => rule.Stage);

    public bool Equals(LeadCriteria? other) =>
        other is not null && Rules.SequenceEqual(other.Rules) && ActiveWithinDays == other.ActiveWithinDays
        && DevelopersWithoutOrganization == other.DevelopersWithoutOrganization;

    public override int GetHashCode() => HashCode.Combine(Rules.Count, ActiveWithinDays, DevelopersWithoutOrganization);

    public string ToJson() => JsonSerializer.Serialize(
        new
        {
            Rules = Rules.Select(rule => new { rule.Developers, Stage = JourneyStages.Name(rule.Stage) }),
            ActiveWithinDays,
            DevelopersWithoutOrganization,
        },
        RapportJson.Indented);

    /// <summary>
    /// Reads <c>{"rules": [{"developers": 3, "stage": "build"}, …], "activeWithinDays": 90, "developersWithoutOrganization": true}</c>.
    /// <see cref="LeadCriteriaException"/> says what is wrong and on which line.
    /// </summary>
    public static LeadCriteria Parse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            return Read(ref reader, bytes);
        }
        catch (JsonException e)
        {
            throw new LeadCriteriaException($"not valid JSON: {FirstSentence(e.Message)}", (int)(e.LineNumber ?? 0) + 1);
        }
    }

    private static LeadCriteria Read(ref Utf8JsonReader reader, byte[] bytes)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new LeadCriteriaException("the criteria must be a JSON object with \"rules\"", LineOf(bytes, reader));
        }

        List<LeadRule>? rules = null;
        int? activeWithinDays = null;
        var withoutOrganization = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            var line = LineOf(bytes, reader);
            reader.Read();
            switch (name)
            {
                case "rules":
                    rules = ReadRules(ref reader, bytes);
                    break;
                case "activeWithinDays":
                    activeWithinDays = reader.TokenType == JsonTokenType.Null ? null
                        : reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var days) && days >= 1 ? days
                        : throw new LeadCriteriaException("activeWithinDays must be a positive whole number of days, or null", line);
                    break;
                case "developersWithoutOrganization":
                    withoutOrganization = reader.TokenType is JsonTokenType.True or JsonTokenType.False
                        ? reader.GetBoolean()
                        : throw new LeadCriteriaException("developersWithoutOrganization must be true or false", line);
                    break;
                default:
                    throw new LeadCriteriaException(
                        $"unknown property \"{name}\"; the criteria have \"rules\", \"activeWithinDays\" and \"developersWithoutOrganization\"", line);
            }
        }

        if (rules is null)
        {
            throw new LeadCriteriaException("the criteria have no \"rules\"", 1);
        }

        return new LeadCriteria(rules, activeWithinDays, withoutOrganization);
    }

    private static List<LeadRule> ReadRules(ref Utf8JsonReader reader, byte[] bytes)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new LeadCriteriaException("\"rules\" must be a list of {\"developers\": N, \"stage\": \"build\"}", LineOf(bytes, reader));
        }

        var rules = new List<LeadRule>();
        var arrayLine = LineOf(bytes, reader);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var ruleLine = LineOf(bytes, reader);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new LeadCriteriaException("each rule must be an object {\"developers\": N, \"stage\": \"build\"}", ruleLine);
            }

            int? developers = null;
            JourneyStage? stage = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                var line = LineOf(bytes, reader);
                reader.Read();
                switch (name)
                {
                    case "developers":
                        developers = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var count) && count >= 1
                            ? count
                            : throw new LeadCriteriaException("\"developers\" must be a whole number of at least 1", line);
                        break;
                    case "stage":
                        stage = reader.TokenType == JsonTokenType.String && JourneyStages.TryParse(reader.GetString(), out var parsed)
                            ? parsed
                            : throw new LeadCriteriaException("\"stage\" must be one of discover, evaluate, learn, build, scale", line);
                        break;
                    default:
                        throw new LeadCriteriaException($"unknown property \"{name}\" in a rule; a rule has \"developers\" and \"stage\"", line);
                }
            }

            rules.Add(new LeadRule(
                developers ?? throw new LeadCriteriaException("a rule has no \"developers\"", ruleLine),
                stage ?? throw new LeadCriteriaException("a rule has no \"stage\"", ruleLine)));
        }

        return rules.Count > 0 ? rules : throw new LeadCriteriaException("\"rules\" is empty; the criteria need at least one rule", arrayLine);
    }

    private static int LineOf(byte[] bytes, Utf8JsonReader reader) =>
        bytes.AsSpan(0, (int)Math.Min(reader.TokenStartIndex, bytes.Length)).Count((byte)'\n') + 1;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
