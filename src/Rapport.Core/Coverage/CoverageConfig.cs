using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rapport.Core.Coverage;

/// <summary>
/// The dimensions of the coverage matrix, as one JSON file sets them (<c>rapport coverage set FILE</c>,
/// docs/coverage.md): <c>{"dimensions": {"cloud": {"aws": ["amazon"], "azure": [], "gcp": ["google-cloud"]}}}</c>,
/// with optional <c>"keys"</c> (the traits and activity properties each dimension reads) and <c>"underServed"</c>.
/// </summary>
public sealed partial class CoverageConfig
{
    public const int MaxDimensions = 20;
    public const int MaxValues = 100;
    public const int MaxSynonyms = 20;
    public const int MaxKeys = 10;

    public CoverageConfig(IReadOnlyList<CoverageDimension> dimensions, UnderServedRule underServed)
    {
        Dimensions = [.. dimensions];
        UnderServed = underServed;
    }

    public static CoverageConfig Empty { get; } = new([], UnderServedRule.Default);

    public IReadOnlyList<CoverageDimension> Dimensions { get; }

    public UnderServedRule UnderServed { get; }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("dimensions");
            foreach (var dimension in Dimensions)
            {
                writer.WriteStartObject(dimension.Name);
                foreach (var value in dimension.Values)
                {
                    writer.WriteStartArray(value.Name);
                    foreach (var synonym in value.Synonyms.Skip(1))
                    {
                        writer.WriteStringValue(synonym);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("keys");
            foreach (var dimension in Dimensions)
            {
                writer.WriteStartObject(dimension.Name);
                writer.WriteStartArray("traits");
                dimension.Traits.ToList().ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                writer.WriteStartArray("properties");
                dimension.Properties.ToList().ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("underServed");
            writer.WriteNumber("minDemandShare", UnderServed.MinDemandShare);
            writer.WriteNumber("maxSupplyRatio", UnderServed.MaxSupplyRatio);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a coverage file; <see cref="CoverageException"/> says what is wrong and on which line. Comments and trailing commas are allowed.</summary>
    public static CoverageConfig Parse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            return Read(ref reader, bytes);
        }
        catch (JsonException e)
        {
            var message = e.Message.IndexOf(". ", StringComparison.Ordinal) is var end and >= 0 ? e.Message[..end] : e.Message.TrimEnd('.');
            throw new CoverageException($"not valid JSON: {message}", (int)(e.LineNumber ?? 0) + 1);
        }
    }

    private static CoverageConfig Read(ref Utf8JsonReader reader, byte[] bytes)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new CoverageException("a coverage file is a JSON object with \"dimensions\": {...}", reader.TokenType == JsonTokenType.None ? 1 : LineOf(bytes, reader));
        }

        List<(string Name, List<CoverageValue> Values, int Line)>? dimensions = null;
        var keys = new Dictionary<string, (List<string> Traits, List<string> Properties, int Line)>(StringComparer.Ordinal);
        var rule = UnderServedRule.Default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            var line = LineOf(bytes, reader);
            reader.Read();
            switch (property)
            {
                case "dimensions":
                    dimensions = ReadDimensions(ref reader, bytes, line);
                    break;
                case "keys":
                    ReadKeys(ref reader, bytes, line, keys);
                    break;
                case "underServed":
                    rule = ReadRule(ref reader, bytes, line);
                    break;
                default:
                    throw new CoverageException($"unknown property \"{property}\"; a coverage file has \"dimensions\", \"keys\" and \"underServed\"", line);
            }
        }

        if (dimensions is null)
        {
            throw new CoverageException("the file has no \"dimensions\"", 1);
        }

        foreach (var (name, (_, _, line)) in keys)
        {
            if (!dimensions.Any(dimension => dimension.Name == name))
            {
                throw new CoverageException($"\"keys\" names the dimension \"{name}\", which \"dimensions\" does not have", line);
            }
        }

        return new CoverageConfig(
            [
                .. dimensions.Select(dimension => keys.TryGetValue(dimension.Name, out var own)
                    ? new CoverageDimension(dimension.Name, dimension.Values, own.Traits, own.Properties)
                    : new CoverageDimension(dimension.Name, dimension.Values, [dimension.Name], [dimension.Name])),
            ],
            rule);
    }

    private static List<(string Name, List<CoverageValue> Values, int Line)> ReadDimensions(ref Utf8JsonReader reader, byte[] bytes, int line)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new CoverageException("\"dimensions\" is an object: {\"cloud\": {\"aws\": [\"amazon\"], …}, …}", line);
        }

        var dimensions = new List<(string Name, List<CoverageValue> Values, int Line)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var at = LineOf(bytes, reader);
            var name = Name(reader.GetString()!, "a dimension's name", at);
            if (dimensions.Any(dimension => dimension.Name == name))
            {
                throw new CoverageException($"the dimension \"{name}\" is there twice", at);
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new CoverageException($"the dimension \"{name}\" is an object of values and their synonyms: {{\"aws\": [\"amazon\"]}}", at);
            }

            var values = new List<CoverageValue>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var valueLine = LineOf(bytes, reader);
                var value = Name(reader.GetString()!, "a value", valueLine);
                if (values.Any(other => other.Name == value))
                {
                    throw new CoverageException($"the value \"{value}\" is in \"{name}\" twice", valueLine);
                }

                reader.Read();
                var synonyms = ReadNames(ref reader, bytes, valueLine, $"the synonyms of \"{value}\"", MaxSynonyms);
                values.Add(new CoverageValue(value, [value, .. synonyms.Where(synonym => synonym != value).Distinct(StringComparer.Ordinal)]));
            }

            if (values.Count is 0 or > MaxValues)
            {
                throw new CoverageException($"the dimension \"{name}\" has 1 to {MaxValues} values, not {values.Count}", at);
            }

            var shared = values.SelectMany(value => value.Synonyms.Select(synonym => (synonym, value.Name)))
                .GroupBy(pair => pair.synonym, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
            if (shared is not null)
            {
                throw new CoverageException(
                    $"\"{shared.Key}\" names both {string.Join(" and ", shared.Select(pair => $"\"{pair.Name}\""))} in \"{name}\": a word names one value", at);
            }

            dimensions.Add((name, values, at));
        }

        if (dimensions.Count > MaxDimensions)
        {
            throw new CoverageException($"at most {MaxDimensions} dimensions, not {dimensions.Count}", line);
        }

        return dimensions;
    }

    private static void ReadKeys(ref Utf8JsonReader reader, byte[] bytes, int line, Dictionary<string, (List<string>, List<string>, int)> keys)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new CoverageException("\"keys\" is an object: {\"language\": {\"traits\": [\"language\"], \"properties\": [\"sdk\"]}}", line);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var at = LineOf(bytes, reader);
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new CoverageException($"the keys of \"{name}\" are an object {{\"traits\": […], \"properties\": […]}}", at);
            }

            List<string> traits = [];
            List<string> properties = [];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString();
                var propertyLine = LineOf(bytes, reader);
                reader.Read();
                var list = ReadList(ref reader, bytes, propertyLine, $"\"{property}\" of \"{name}\"", MaxKeys);
                if (list.FirstOrDefault(key => !KeyPattern().IsMatch(key)) is { } wrong)
                {
                    throw new CoverageException($"\"{wrong}\" is not a trait or property name: letters, digits and _, starting with a letter or _", propertyLine);
                }

                switch (property)
                {
                    case "traits":
                        traits = list;
                        break;
                    case "properties":
                        properties = list;
                        break;
                    default:
                        throw new CoverageException($"unknown property \"{property}\"; a dimension's keys are \"traits\" and \"properties\"", propertyLine);
                }
            }

            keys[name] = (traits, properties, at);
        }
    }

    private static UnderServedRule ReadRule(ref Utf8JsonReader reader, byte[] bytes, int line)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new CoverageException("\"underServed\" is an object {\"minDemandShare\": 0.1, \"maxSupplyRatio\": 0.5}", line);
        }

        var rule = UnderServedRule.Default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            var at = LineOf(bytes, reader);
            reader.Read();
            var number = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : double.NaN;
            rule = property switch
            {
                "minDemandShare" when number is >= 0 and <= 1 => rule with { MinDemandShare = number },
                "maxSupplyRatio" when number is > 0 and <= 10 => rule with { MaxSupplyRatio = number },
                "minDemandShare" => throw new CoverageException("\"minDemandShare\" is a share from 0 to 1", at),
                "maxSupplyRatio" => throw new CoverageException("\"maxSupplyRatio\" is a number above 0 and at most 10", at),
                _ => throw new CoverageException($"unknown property \"{property}\"; \"underServed\" has \"minDemandShare\" and \"maxSupplyRatio\"", at),
            };
        }

        return rule;
    }

    private static List<string> ReadNames(ref Utf8JsonReader reader, byte[] bytes, int line, string what, int max) =>
        [.. ReadList(ref reader, bytes, line, what, max).Select(name => Name(name, $"a synonym in {what}", line))];

    private static List<string> ReadList(ref Utf8JsonReader reader, byte[] bytes, int line, string what, int max)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new CoverageException($"{what} is a list of texts", line);
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new CoverageException($"{what} is a list of texts", LineOf(bytes, reader)));
        }

        return list.Count <= max ? list : throw new CoverageException($"{what} has at most {max.ToString(CultureInfo.InvariantCulture)} entries", line);
    }

    /// <summary>Names are matched in lower case; they cannot hold quotes or spaces, which JSON text would escape or tags split.</summary>
    private static string Name(string text, string what, int line)
    {
        var name = text.Trim().ToLowerInvariant();
        return NamePattern().IsMatch(name)
            ? name
            : throw new CoverageException($"{what} is 1 to 64 ASCII letters, digits and . _ + # - (not \"{text}\")", line);
    }

    private static int LineOf(byte[] bytes, Utf8JsonReader reader) =>
        bytes.AsSpan(0, (int)Math.Min(reader.TokenStartIndex, bytes.Length)).Count((byte)'\n') + 1;

    [GeneratedRegex("^[a-z0-9][a-z0-9._+#-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();
}
