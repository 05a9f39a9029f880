using System.Text.Json;
using Rapport.Core.DocsGaps;
using Rapport.Core.Questions;

namespace Rapport.Core.Tests.DocsGaps;

public sealed class DocsGapReportTests
{
    private static readonly Question[] Questions =
    [
        Asked("w1", new DateTime(2026, 1, 10, 9, 0, 0, DateTimeKind.Utc), "Webhook signature mismatch", answered: true, hours: 1),
        Asked("w2", new DateTime(2026, 2, 10, 9, 0, 0, DateTimeKind.Utc), "Webhook signature verification fails", answered: true, hours: 2),
        Asked("w3", new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc), "How to check the webhook signature", answered: false, hours: null),
        Asked("d1", new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), "Docker compose volume error", answered: true, hours: 0.5),
        Asked("d2", new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), "docker compose networking", answered: true, hours: 1.5),
        Asked("d3", new DateTime(2026, 3, 3, 9, 0, 0, DateTimeKind.Utc), "Docker Compose on Windows", answered: true, hours: 2.5),
        Asked("b1", new DateTime(2026, 2, 15, 9, 0, 0, DateTimeKind.Utc), "Billing address on invoices", answered: null, hours: null),
    ];

    private static readonly DocsPage[] Pages = [new(7, "Docker Compose guide", "https://docs.example.com/compose", "Run docker compose up to start.")];

    private static readonly DocsGapOptions Options = DocsGapOptions.Default with { Months = 3 };

    [Fact]
    public void Questions_group_into_topics_and_the_undocumented_one_is_the_biggest_gap()
    {
        var report = DocsGapReport.Compute(Questions, Pages, Options);

        Assert.Equal((7, 1, 1), (report.Questions, report.Unclustered, report.DocsPages));
        Assert.Equal(["webhook, signature", "docker, compose"], report.Topics.Select(topic => topic.Name));
        var (webhooks, compose) = (report.Topics[0], report.Topics[1]);
        Assert.Equal((1, 3), (webhooks.Rank, webhooks.Questions));
        Assert.Equal(["w3", "w2", "w1"], webhooks.Examples.Select(example => example.MessageId));
        Assert.Equal([("2026-01", 1), ("2026-02", 1), ("2026-03", 1)], webhooks.Trend.Select(month => (month.Month, month.Questions)));
        // One of three unanswered; the median of 1 h and 2 h; no page shares a term, so 3 × (1 − 0) × (1 + 1/3) = 4.
        Assert.Equal(0.333, webhooks.UnansweredShare);
        Assert.Equal(1.5, webhooks.MedianHoursToFirstAnswer);
        Assert.Empty(webhooks.Pages);
        Assert.Equal(4, webhooks.GapScore);

        Assert.Equal([("2026-01", 0), ("2026-02", 0), ("2026-03", 3)], compose.Trend.Select(month => (month.Month, month.Questions)));
        Assert.Equal((0.0, 1.5), (compose.UnansweredShare!.Value, compose.MedianHoursToFirstAnswer!.Value));
        // The page has docker and compose 2 (title) + 1 (text) times each and is the average length, so each term
        // scores tf / (tf + k1) = 3 / 4.2 = 0.714; the gap is 3 × (1 − 0.714) × (1 + 0) = 0.858.
        Assert.Equal([(7L, "Docker Compose guide", 0.714)], compose.Pages.Select(page => (page.ContentId, page.Title, page.Match)));
        Assert.Equal(0.714, compose.Coverage);
        Assert.Equal(0.86, compose.GapScore);
    }

    [Fact]
    public void The_same_questions_in_another_order_give_the_same_report()
    {
        var forward = DocsGapReport.Compute(Questions, Pages, Options);
        var backward = DocsGapReport.Compute([.. Questions.Reverse()], Pages, Options);

        Assert.Equal(JsonSerializer.Serialize(forward), JsonSerializer.Serialize(backward));
    }

    [Fact]
    public void Text_becomes_lower_case_terms_without_stop_words_and_plural_endings()
    {
        var terms = TextAnalyzer.Terms("How do I use Node.js libraries with C# and C++ tags? 2026 x https://www.example.com");

        Assert.Equal(["node.js", "library", "c#", "c++", "tag", "www.example.com"], terms.Select(term => term.Term));
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        var error = Assert.Throws<FormatException>(() => DocsGapReport.Compute(Questions, Pages, Options with { Threshold = 1.5 }));

        Assert.Equal("the similarity threshold is between 0 and 1, not 1.5", error.Message);
    }

    private static Question Asked(string id, DateTime at, string title, bool? answered, double? hours) =>
        new(id, MemberId: 1, at, title, Body: null, Tags: [], answered, hours * 3600, Url: null);
}
