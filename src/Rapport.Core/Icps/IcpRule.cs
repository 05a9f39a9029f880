using System.Globalization;
using System.Text.Json;
using Rapport.Core.Journey;

namespace Rapport.Core.Icps;

/// <summary>
/// A rule over a developer's facts, as written in an ICP file (docs/icps.md): <c>all</c>, <c>any</c> and <c>not</c>
/// combine rules; <c>trait</c>, <c>organization</c> and <c>activity</c> test one fact. Evaluation is deterministic:
/// the same facts and time give the same answer.
/// </summary>
public abstract class IcpRule
{
    private IcpRule()
    {
    }

    public abstract bool Matches(IcpMemberFacts member, DateTime asOf);

    /// <summary>Writes the rule as the file wrote it (normalised).</summary>
    public abstract void Write(Utf8JsonWriter writer);

    /// <summary>Every rule inside this one, this one first.</summary>
    public abstract IEnumerable<IcpRule> Descendants();

    /// <summary>The trait a <c>trait</c> rule looks at; <c>null</c> for others.</summary>
    public virtual string? TraitKey => null;

    /// <summary>The organization attribute an <c>organization</c> rule looks at; <c>null</c> for others.</summary>
    public virtual string? OrganizationAttribute => null;

    /// <summary>The activity type pattern an <c>activity</c> rule looks for; <c>null</c> for others.</summary>
    public virtual ActivityTypePattern? ActivityPattern => null;

    internal static IcpRule Read(ref Utf8JsonReader reader, byte[] bytes)
    {
        var line = IcpFile.LineOf(bytes, reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new IcpException("a rule is an object: {\"all\": [...]}, {\"any\": [...]}, {\"not\": {...}}, {\"trait\": ...}, {\"organization\": ...} or {\"activity\": ...}", line);
        }

        IcpRule? rule = null;
        string? subject = null;
        var subjectKind = "";
        var tests = new List<ValueTest>();
        int? withinDays = null;
        long? atLeastCount = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var at = IcpFile.LineOf(bytes, reader);
            reader.Read();
            switch (name)
            {
                case "all" or "any":
                    rule = Combination(name, ReadList(ref reader, bytes, name, at));
                    break;
                case "not":
                    rule = new NotRule(Read(ref reader, bytes));
                    break;
                case "trait" or "organization" or "activity":
                    if (reader.TokenType != JsonTokenType.String || string.IsNullOrWhiteSpace(reader.GetString()))
                    {
                        throw new IcpException($"\"{name}\" names a {(name == "activity" ? "type of activity (a * stands for any characters)" : name == "trait" ? "trait" : "attribute of the organization")}", at);
                    }

                    (subjectKind, subject) = (name, reader.GetString()!.Trim());
                    break;
                case "withinDays":
                    withinDays = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var days) && days >= 1
                        ? days
                        : throw new IcpException("\"withinDays\" is a whole number of days, at least 1", at);
                    break;
                default:
                    if (ValueTest.TryRead(name, ref reader, at) is { } test)
                    {
                        tests.Add(test);
                        if (name == "atLeast")
                        {
                            atLeastCount = test.Operand.TryGetInt64(out var count) ? count : null;
                        }

                        break;
                    }

                    throw new IcpException(
                        $"unknown property \"{name}\"; a rule has \"all\", \"any\", \"not\", \"trait\", \"organization\" or \"activity\", and tests " +
                        "\"equals\", \"in\", \"contains\", \"atLeast\", \"atMost\", \"exists\" (and \"withinDays\" for activities)", at);
            }
        }

        if (rule is not null)
        {
            return subject is null && tests.Count == 0 && withinDays is null
                ? rule
                : throw new IcpException("a rule is either a combination (all, any, not) or a test of one fact, not both", line);
        }

        switch (subjectKind)
        {
            case "trait":
                return withinDays is null
                    ? new TraitRule(subject!, tests)
                    : throw new IcpException("\"withinDays\" is for activities", line);
            case "organization":
                return withinDays is null
                    ? new OrganizationRule(subject!, tests)
                    : throw new IcpException("\"withinDays\" is for activities", line);
            case "activity":
                if (tests.Any(test => test.Operator != "atLeast") || (tests.Count == 1 && atLeastCount is not >= 1))
                {
                    throw new IcpException("an activity rule takes \"withinDays\" and \"atLeast\" (a whole number of activities, at least 1)", line);
                }

                return new ActivityRule(new ActivityTypePattern(subject!), withinDays, atLeastCount ?? 1);
            default:
                throw new IcpException("an empty rule; say what to test: {\"trait\": \"role\", \"equals\": \"sre\"}", line);
        }
    }

    private static IcpRule Combination(string name, List<IcpRule> rules) => name == "all" ? new AllRule(rules) : new AnyRule(rules);

    private static List<IcpRule> ReadList(ref Utf8JsonReader reader, byte[] bytes, string name, int line)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new IcpException($"\"{name}\" is a list of rules", line);
        }

        var rules = new List<IcpRule>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            rules.Add(Read(ref reader, bytes));
        }

        return rules.Count > 0 ? rules : throw new IcpException($"\"{name}\" has no rules", line);
    }

    private sealed class AllRule(IReadOnlyList<IcpRule> rules) : IcpRule
    {
        public override bool Matches(IcpMemberFacts member, DateTime asOf) => rules.All(rule => rule.Matches(member, asOf));

        public override void Write(Utf8JsonWriter writer) => WriteList(writer, "all", rules);

        public override IEnumerable<IcpRule> Descendants() => [this, .. rules.SelectMany(rule => rule.Descendants())];
    }

    private sealed class AnyRule(IReadOnlyList<IcpRule> rules) : IcpRule
    {
        public override bool Matches(IcpMemberFacts member, DateTime asOf) => rules.Any(rule => rule.Matches(member, asOf));

        public override void Write(Utf8JsonWriter writer) => WriteList(writer, "any", rules);

        public override IEnumerable<IcpRule> Descendants() => [this, .. rules.SelectMany(rule => rule.Descendants())];
    }

    private sealed class NotRule(IcpRule rule) : IcpRule
    {
        public override bool Matches(IcpMemberFacts member, DateTime asOf) => !rule.Matches(member, asOf);

        public override void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("not");
            rule.Write(writer);
            writer.WriteEndObject();
        }

        public override IEnumerable<IcpRule> Descendants() => [this, .. rule.Descendants()];
    }

    private sealed class TraitRule(string key, IReadOnlyList<ValueTest> tests) : IcpRule
    {
        public override string? TraitKey => key;

        public override bool Matches(IcpMemberFacts member, DateTime asOf) =>
            ValueTest.All(tests, member.Traits.TryGetValue(key, out var value) ? value : null);

        public override void Write(Utf8JsonWriter writer) => WriteTest(writer, "trait", key, tests);

        public override IEnumerable<IcpRule> Descendants() => [this];
    }

    private sealed class OrganizationRule(string attribute, IReadOnlyList<ValueTest> tests) : IcpRule
    {
        public override string? OrganizationAttribute => attribute;

        public override bool Matches(IcpMemberFacts member, DateTime asOf) =>
            ValueTest.All(tests, member.OrganizationAttributes.TryGetValue(attribute, out var value) ? value : null);

        public override void Write(Utf8JsonWriter writer) => WriteTest(writer, "organization", attribute, tests);

        public override IEnumerable<IcpRule> Descendants() => [this];
    }

    private sealed class ActivityRule(ActivityTypePattern pattern, int? withinDays, long atLeast) : IcpRule
    {
        public override ActivityTypePattern? ActivityPattern => pattern;

        public override bool Matches(IcpMemberFacts member, DateTime asOf)
        {
            long count = 0;
            DateTime? last = null;
            foreach (var (type, presence) in member.Activities)
            {
                if (pattern.Matches(type))
                {
                    count += presence.Count;
                    last = last is { } seen && seen > presence.Last ? seen : presence.Last;
                }
            }

            return count >= atLeast && last is { } latest && (withinDays is not { } days || latest > asOf.AddDays(-days));
        }

        public override void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("activity", pattern.Text);
            if (withinDays is { } days)
            {
                writer.WriteNumber("withinDays", days);
            }

            if (atLeast != 1)
            {
                writer.WriteNumber("atLeast", atLeast);
            }

            writer.WriteEndObject();
        }

        public override IEnumerable<IcpRule> Descendants() => [this];
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<IcpRule> rules)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(name);
        foreach (var rule in rules)
        {
            rule.Write(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteTest(Utf8JsonWriter writer, string subject, string name, IReadOnlyList<ValueTest> tests)
    {
        writer.WriteStartObject();
        writer.WriteString(subject, name);
        foreach (var test in tests)
        {
            writer.WritePropertyName(test.Operator);
            test.Operand.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>One test of a value: <c>equals</c>, <c>in</c>, <c>contains</c>, <c>atLeast</c>, <c>atMost</c> or <c>exists</c>.</summary>
    private sealed record ValueTest(string Operator, JsonElement Operand)
    {
        public static ValueTest? TryRead(string name, ref Utf8JsonReader reader, int line)
        {
            if (name is not ("equals" or "in" or "contains" or "atLeast" or "atMost" or "exists"))
            {
                return null;
            }

            var operand = JsonElement.ParseValue(ref reader);
            var valid = name switch
            {
                "equals" => operand.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False,
                "in" => operand.ValueKind == JsonValueKind.Array && operand.GetArrayLength() > 0
                    && operand.EnumerateArray().All(item => item.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False),
                "contains" => operand.ValueKind == JsonValueKind.String && operand.GetString()!.Trim().Length > 0,
                "atLeast" or "atMost" => operand.ValueKind == JsonValueKind.Number,
                _ => operand.ValueKind is JsonValueKind.True or JsonValueKind.False,
            };
            return valid ? new ValueTest(name, operand) : throw new IcpException(name switch
            {
                "equals" => "\"equals\" is a text, a number, true or false",
                "in" => "\"in\" is a non-empty list of texts, numbers, true or false",
                "contains" => "\"contains\" is a non-empty text",
                "atLeast" or "atMost" => $"\"{name}\" is a number",
                _ => "\"exists\" is true or false",
            }, line);
        }

        /// <summary>Whether every test holds for the value (<c>null</c>: there is none). No tests asks that there is one.</summary>
        public static bool All(IReadOnlyList<ValueTest> tests, JsonElement? value)
        {
            if (tests.Count == 0)
            {
                return Present(value);
            }

            return tests.All(test => test.Holds(value));
        }

        private bool Holds(JsonElement? value)
        {
            if (Operator == "exists")
            {
                return Present(value) == Operand.GetBoolean();
            }

            if (!Present(value))
            {
                return false;
            }

            var actual = value!.Value;
            return Operator switch
            {
                "equals" => Same(actual, Operand),
                "in" => Operand.EnumerateArray().Any(item => Same(actual, item)),
                "contains" => Contains(actual, Operand.GetString()!.Trim()),
                "atLeast" => Number(actual) is { } n && n >= Operand.GetDouble(),
                _ => Number(actual) is { } m && m <= Operand.GetDouble(),
            };
        }

        private static bool Present(JsonElement? value) =>
            value is { } v && v.ValueKind != JsonValueKind.Null && !(v.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetString()));

        private static bool Same(JsonElement actual, JsonElement expected)
        {
            if (actual.ValueKind == JsonValueKind.Array)
            {
                return actual.EnumerateArray().Any(item => Same(item, expected));
            }

            if (expected.ValueKind == JsonValueKind.Number)
            {
                return Number(actual) is { } n && n == expected.GetDouble();
            }

            if (expected.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return actual.ValueKind == expected.ValueKind
                    || (actual.ValueKind == JsonValueKind.String && bool.TryParse(actual.GetString()!.Trim(), out var flag) && flag == expected.GetBoolean());
            }

            return Text(actual) is { } text && string.Equals(text, expected.GetString()!.Trim(), StringComparison.OrdinalIgnoreCase);
        }

        private static bool Contains(JsonElement actual, string part) =>
            actual.ValueKind == JsonValueKind.Array
                ? actual.EnumerateArray().Any(item => Text(item) is { } text && string.Equals(text, part, StringComparison.OrdinalIgnoreCase))
                : Text(actual) is { } whole && whole.Contains(part, StringComparison.OrdinalIgnoreCase);

        private static string? Text(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };

        /// <summary>
        /// A number, or text that reads as one: <c>250</c>, <c>1,000</c>, and the lower end of a band as company sizes
        /// are often written (<c>51-200</c> is 51, <c>10,001+</c> is 10001).
        /// </summary>
        private static double? Number(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Number)
            {
                return value.GetDouble();
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var text = value.GetString()!.Trim().Replace(",", "", StringComparison.Ordinal).TrimEnd('+').Trim();
            var dash = text.IndexOf('-', 1 < text.Length ? 1 : 0);
            if (dash > 0)
            {
                text = text[..dash].Trim();
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
        }
    }
}
