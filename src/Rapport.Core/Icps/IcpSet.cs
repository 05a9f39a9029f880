using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Core.Journey;

namespace Rapport.Core.Icps;

/// <summary>
/// A workspace's ideal customer profiles, as one JSON file sets them (<c>rapport icp set FILE</c>, docs/icps.md):
/// <c>{"icps": [{"name": "platform-teams", "description": "…", "rule": {…}}, …]}</c>.
/// </summary>
public sealed partial class IcpSet
{
    public const int MaxIcps = 50;

    public IcpSet(IReadOnlyList<IcpDefinition> definitions)
    {
        if (definitions.Count > MaxIcps)
        {
            throw new IcpException($"at most {MaxIcps} ICPs, not {definitions.Count}");
        }

        if (definitions.GroupBy(icp => icp.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            throw new IcpException($"two ICPs are named \"{twice.Key}\"");
        }

        Definitions = [.. definitions];
    }

    public static IcpSet Empty { get; } = new([]);

    public IReadOnlyList<IcpDefinition> Definitions { get; }

    public IcpDefinition? Find(string name) =>
        Definitions.FirstOrDefault(icp => string.Equals(icp.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The ICP of this name; <see cref="FormatException"/> naming the ICPs there are when there is none.</summary>
    public IcpDefinition Require(string name) => Find(name) ?? throw new FormatException(Definitions.Count == 0
        ? $"there is no ICP '{name}': none are defined yet (rapport icp set FILE)"
        : $"there is no ICP '{name}'; the ICPs are {string.Join(", ", Definitions.Select(icp => icp.Name))}");

    /// <summary>The traits any rule looks at.</summary>
    public IReadOnlyList<string> TraitKeys => [.. Rules().Select(rule => rule.TraitKey).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>Whether any rule looks at organizations (then their attributes must be read).</summary>
    public bool UsesOrganizations => Rules().Any(rule => rule.OrganizationAttribute is not null);

    /// <summary>The activity type patterns any rule looks for.</summary>
    public IReadOnlyList<ActivityTypePattern> ActivityPatterns => [.. Rules().Select(rule => rule.ActivityPattern).OfType<ActivityTypePattern>()];

    /// <summary>The names of the ICPs the developer is in, in the file's order.</summary>
    public IReadOnlyList<string> Evaluate(IcpMemberFacts member, DateTime asOf) =>
        [.. Definitions.Where(icp => icp.Matches(member, asOf)).Select(icp => icp.Name)];

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("icps");
            foreach (var icp in Definitions)
            {
                writer.WriteStartObject();
                writer.WriteString("name", icp.Name);
                if (icp.Description is not null)
                {
                    writer.WriteString("description", icp.Description);
                }

                writer.WritePropertyName("rule");
                icp.Rule.Write(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads an ICP file; <see cref="IcpException"/> says what is wrong and on which line. Comments and trailing commas are allowed.</summary>
    public static IcpSet Parse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            return Read(ref reader, bytes);
        }
        catch (JsonException e)
        {
            throw new IcpException($"not valid JSON: {FirstSentence(e.Message)}", (int)(e.LineNumber ?? 0) + 1);
        }
    }

    private static IcpSet Read(ref Utf8JsonReader reader, byte[] bytes)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new IcpException("an ICP file is a JSON object with \"icps\": [...]", reader.TokenType == JsonTokenType.None ? 1 : IcpFile.LineOf(bytes, reader));
        }

        List<IcpDefinition>? icps = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            var line = IcpFile.LineOf(bytes, reader);
            reader.Read();
            if (name != "icps")
            {
                throw new IcpException($"unknown property \"{name}\"; an ICP file has \"icps\"", line);
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new IcpException("\"icps\" is a list of {\"name\": …, \"rule\": …}", line);
            }

            icps = [];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var icp = ReadIcp(ref reader, bytes);
                if (icps.Any(other => other.Name == icp.Definition.Name))
                {
                    throw new IcpException($"two ICPs are named \"{icp.Definition.Name}\"", icp.Line);
                }

                icps.Add(icp.Definition);
            }
        }

        return new IcpSet(icps ?? throw new IcpException("the file has no \"icps\"", 1));
    }

    private static (IcpDefinition Definition, int Line) ReadIcp(ref Utf8JsonReader reader, byte[] bytes)
    {
        var line = IcpFile.LineOf(bytes, reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new IcpException("each ICP is an object {\"name\": …, \"rule\": …}", line);
        }

        string? name = null;
        string? description = null;
        IcpRule? rule = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            var at = IcpFile.LineOf(bytes, reader);
            reader.Read();
            switch (property)
            {
                case "name":
                    name = reader.TokenType == JsonTokenType.String && NamePattern().IsMatch(reader.GetString()!.Trim())
                        ? reader.GetString()!.Trim()
                        : throw new IcpException("an ICP's name is 1 to 64 lower-case letters, digits and dashes, starting with a letter (platform-teams)", at);
                    break;
                case "description":
                    description = reader.TokenType == JsonTokenType.String
                        ? (reader.GetString()!.Trim() is { Length: > 0 } text ? text : null)
                        : throw new IcpException("\"description\" is a text", at);
                    break;
                case "rule":
                    rule = IcpRule.Read(ref reader, bytes);
                    break;
                default:
                    throw new IcpException($"unknown property \"{property}\"; an ICP has \"name\", \"description\" and \"rule\"", at);
            }
        }

        return (new IcpDefinition(
            name ?? throw new IcpException("an ICP has no \"name\"", line),
            description,
            rule ?? throw new IcpException($"the ICP \"{name}\" has no \"rule\"", line)), line);
    }

    private IEnumerable<IcpRule> Rules() => Definitions.SelectMany(icp => icp.Rule.Descendants());

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex NamePattern();
}
