using System.Text;

namespace Rapport.Core.Outreach;

/// <summary>
/// A suggested message with placeholders in braces (<c>Hey {firstName}, …</c>). Only the names in
/// <see cref="Placeholders"/> are allowed, so a typo is found when the template is set, not when a message is read.
/// <c>{{</c> and <c>}}</c> stand for literal braces.
/// </summary>
public sealed class MessageTemplate
{
    /// <summary>Every placeholder a template may use, with what it stands for (docs/community.md).</summary>
    public static IReadOnlyDictionary<string, string> Placeholders { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["firstName"] = "the developer's first name, or \"there\" when unknown",
        ["name"] = "the developer's full name, or their best identity",
        ["product"] = "the product's name from the configuration",
        ["stage"] = "the developer's journey stage (learn)",
        ["stageAction"] = "what the developer was doing at that stage (the getting-started guide)",
        ["question"] = "the unanswered question's title, or \"your question\"",
        ["feedback"] = "the title of the feedback that shipped, in quotes",
        ["lastActivity"] = "the date of the developer's last activity (2026-03-01)",
        ["daysQuiet"] = "whole days since the developer's last activity",
    };

    private readonly List<(bool IsPlaceholder, string Text)> _parts;

    public MessageTemplate(string text)
    {
        Text = text;
        _parts = Parse(text);
    }

    public string Text { get; }

    /// <summary>The message, with each placeholder replaced by its value (an empty string when a value is missing).</summary>
    public string Render(IReadOnlyDictionary<string, string?> values)
    {
        var message = new StringBuilder(Text.Length + 32);
        foreach (var (isPlaceholder, text) in _parts)
        {
            message.Append(isPlaceholder ? values.GetValueOrDefault(text) ?? "" : text);
        }

        return message.ToString();
    }

    public override string ToString() => Text;

    private static List<(bool, string)> Parse(string text)
    {
        var parts = new List<(bool, string)>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new Community.CommunityConfigException($"the template \"{text}\" has a '}}' without a '{{' (write '}}}}' for a brace)");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = text.IndexOf('}', i + 1);
            if (end < 0)
            {
                throw new Community.CommunityConfigException($"the template \"{text}\" has a '{{' without a '}}' (write '{{{{' for a brace)");
            }

            var name = text[(i + 1)..end];
            if (!Placeholders.ContainsKey(name))
            {
                throw new Community.CommunityConfigException(
                    $"the template \"{text}\" has the unknown placeholder {{{name}}}; the placeholders are {string.Join(", ", Placeholders.Keys.Select(key => "{" + key + "}"))}");
            }

            if (literal.Length > 0)
            {
                parts.Add((false, literal.ToString()));
                literal.Clear();
            }

            parts.Add((true, name));
            i = end;
        }

        if (literal.Length > 0)
        {
            parts.Add((false, literal.ToString()));
        }

        return parts;
    }
}
