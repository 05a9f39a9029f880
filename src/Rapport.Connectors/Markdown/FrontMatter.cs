using System.Globalization;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rapport.Connectors.Markdown;

/// <summary>
/// The front matter of a Markdown file, as Hugo, Jekyll and Docusaurus write it: YAML between <c>---</c> lines or TOML
/// between <c>+++</c> lines, at the very top. Keys are compared without regard to case; values are read as text or
/// lists of text.
/// </summary>
public sealed class FrontMatter
{
    private readonly Dictionary<string, object> _values;

    private FrontMatter(Dictionary<string, object> values) => _values = values;

    public static FrontMatter Empty { get; } = new(new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The front matter of a file's text, <see cref="Empty"/> when it has none; <see cref="MarkdownFormatException"/>
    /// with the file's line when it cannot be read.
    /// </summary>
    public static FrontMatter Parse(string text)
    {
        var reader = new StringReader(text.StartsWith('\uFEFF') ? text[1..] : text);
        var fence = reader.ReadLine()?.TrimEnd();
        if (fence is not ("---" or "+++"))
        {
            return Empty;
        }

        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.TrimEnd() == fence)
            {
                var body = string.Join('\n', lines);
                return fence == "---" ? ParseYaml(body) : ParseToml(body);
            }

            lines.Add(line);
        }

        throw new MarkdownFormatException(1, $"the front matter opened with {fence} on line 1 is never closed");
    }

    /// <summary>The first of <paramref name="keys"/> that has a value, as text.</summary>
    public string? Text(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (_values.TryGetValue(key, out var value) && value is string text && !string.IsNullOrWhiteSpace(text))
            {
                return text.Trim();
            }
        }

        return null;
    }

    /// <summary>
    /// Every value of <paramref name="keys"/>: lists, or a single text split at commas or — for words, not names — at
    /// spaces when it has no comma (Jekyll's <c>categories: jekyll update</c>).
    /// </summary>
    public IReadOnlyList<string> List(bool words, params string[] keys)
    {
        var list = new List<string>();
        foreach (var key in keys)
        {
            switch (_values.GetValueOrDefault(key))
            {
                case List<string> values:
                    list.AddRange(values.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim()));
                    break;
                case string text when !string.IsNullOrWhiteSpace(text):
                    list.AddRange(text.Split(!words || text.Contains(',', StringComparison.Ordinal) ? [','] : [' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
            }
        }

        return list;
    }

    public bool Flag(string key) => Text(key) is { } text && bool.TryParse(text, out var flag) && flag;

    private static FrontMatter ParseYaml(string body)
    {
        var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new FrontMatter(values);
        }

        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(body));
        }
        catch (YamlException e)
        {
            // The front matter starts on the file's line 2.
            throw new MarkdownFormatException(e.Start.Line + 1, $"the YAML front matter cannot be read: {e.Message}");
        }

        if (yaml.Documents.Count == 0)
        {
            return new FrontMatter(values);
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new MarkdownFormatException(2, "the YAML front matter is not a mapping of keys to values");
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                switch (value)
                {
                    case YamlScalarNode { Value: { } text }:
                        values[name] = text;
                        break;
                    case YamlSequenceNode sequence:
                        values[name] = sequence.Children.OfType<YamlScalarNode>().Select(item => item.Value ?? "").ToList();
                        break;
                }
            }
        }

        return new FrontMatter(values);
    }

    private static FrontMatter ParseToml(string body)
    {
        var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(body, (TomlSerializerOptions?)null!)!;
        }
        catch (TomlException e)
        {
            throw new MarkdownFormatException(null, $"the TOML front matter cannot be read: {e.Message.Split('\n')[0]}");
        }

        foreach (var (name, value) in table)
        {
            switch (value)
            {
                case TomlArray array:
                    values[name] = array.Select(TomlText).OfType<string>().ToList();
                    break;
                case var scalar when TomlText(scalar) is { } text:
                    values[name] = text;
                    break;
            }
        }

        return new FrontMatter(values);
    }

    private static string? TomlText(object? value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        TomlDateTime time => time.ToString(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };
}
