using Rapport.Core.Content;
using Rapport.Core.Coverage;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private const string CoverageFile =
        """
        {
          "dimensions": {
            "cloud": {"aws": ["amazon"], "azure": [], "gcp": ["google-cloud"]},
            "language": {"python": ["py"], "csharp": ["c#", "dotnet"]}
          },
          "keys": {"language": {"traits": ["languages"], "properties": ["sdk"]}}
        }
        """;

    /// <summary>
    /// Developers: Ada says Azure and [python, go] in traits; Bob says aws in a trait and azure in an activity; Cyd
    /// calls the API with sdk c# and cloud amazon; Dan's trait "AWS Lambda" is no value, his activity says [gcp, azure];
    /// Eve uses digitalocean and asks two questions. Questions are tagged [azure, functions], "azure;python", [aws],
    /// [kubernetes]. Content is tagged [aws, python], [AWS], [amazon, lambda], [gcp], [java].
    /// </summary>
    private async Task IngestCoverageTrafficAsync()
    {
        await IngestAsync(
            """{"type":"identify","messageId":"i1","userId":"ada","traits":{"cloud":"Azure","languages":["python","go"]},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"identify","messageId":"i2","userId":"bob","traits":{"cloud":"aws"},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"track","messageId":"t2","userId":"bob","event":"API Called","properties":{"cloud":"azure"},"timestamp":"2026-03-02T00:00:00Z"}""",
            """{"type":"track","messageId":"t3","userId":"cyd","event":"API Called","properties":{"sdk":"c#"},"timestamp":"2026-03-02T00:00:00Z"}""",
            """{"type":"track","messageId":"t4","userId":"cyd","event":"API Called","properties":{"cloud":"amazon"},"timestamp":"2026-03-03T00:00:00Z"}""",
            """{"type":"identify","messageId":"i5","userId":"dan","traits":{"cloud":"AWS Lambda"},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"track","messageId":"t5","userId":"dan","event":"API Called","properties":{"cloud":["gcp","azure"]},"timestamp":"2026-03-02T00:00:00Z"}""",
            """{"type":"identify","messageId":"i6","userId":"eve","traits":{"cloud":"digitalocean"},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"track","messageId":"q1","userId":"eve","event":"Question Asked","properties":{"title":"Functions on Azure","tags":["azure","functions"]},"timestamp":"2026-03-04T00:00:00Z"}""",
            """{"type":"track","messageId":"q2","userId":"eve","event":"Question Asked","properties":{"title":"Python on Azure","tags":"azure;Python"},"timestamp":"2026-03-05T00:00:00Z"}""",
            """{"type":"track","messageId":"q3","userId":"ada","event":"Question Asked","properties":{"title":"S3 uploads","tags":["aws"]},"timestamp":"2026-03-06T00:00:00Z"}""",
            """{"type":"track","messageId":"q4","userId":"bob","event":"Question Asked","properties":{"title":"Helm chart","tags":["kubernetes"]},"timestamp":"2026-03-07T00:00:00Z"}""");
        foreach (var (title, tags) in new (string, string[])[]
        {
            ("Deploy to Lambda with Python", ["aws", "python"]), ("S3 in five minutes", ["AWS"]), ("Amazon queues", ["amazon", "lambda"]),
            ("Cloud Run quickstart", ["gcp"]), ("Java SDK", ["java"]),
        })
        {
            await Store.AddContentAsync(Workspace, new ContentFields { Kind = ContentKind.BlogPost, Title = title, Tags = tags }, Token);
        }
    }

    [Fact]
    public async Task The_coverage_matrix_sets_content_against_developers_and_questions_and_names_the_under_served_cells()
    {
        await IngestCoverageTrafficAsync();
        await Store.SetCoverageConfigAsync(Workspace, CoverageConfig.Parse(CoverageFile), Token);

        var report = await Store.GetCoverageReportAsync(Workspace, Token);

        // cloud: content aws 3 (two tagged aws in any case, one amazon), gcp 1, any 4; developers aws Bob and Cyd,
        // azure Ada, Bob and Dan, gcp Dan, any 4 (Eve's digitalocean and Dan's "AWS Lambda" name no value);
        // questions aws 1, azure 2, any 3.
        var cloud = report.Dimensions[0];
        Assert.Equal(("cloud", 4L, 4L, 3L), (cloud.Dimension, cloud.ContentItems, cloud.Developers, cloud.Questions));
        Assert.Equal(["aws", "azure", "gcp"], cloud.Cells.Select(cell => cell.Value));
        Assert.Equal([3L, 0, 1], cloud.Cells.Select(cell => cell.ContentItems));
        Assert.Equal([2L, 3, 1], cloud.Cells.Select(cell => cell.Developers));
        Assert.Equal([1L, 2, 0], cloud.Cells.Select(cell => cell.Questions));
        Assert.Equal([0.75, 0, 0.25], cloud.Cells.Select(cell => cell.SupplyShare));
        // Demand share: the mean of the developer share and the question share. aws (2/4 + 1/3) / 2 = 5/12,
        // azure (3/4 + 2/3) / 2 = 17/24, gcp (1/4 + 0) / 2 = 1/8.
        Assert.Equal([5.0 / 12, 17.0 / 24, 1.0 / 8], cloud.Cells.Select(cell => cell.DemandShare), new ShareComparer());
        Assert.Equal([false, true, false], cloud.Cells.Select(cell => cell.UnderServed));

        // language (traits "languages", property "sdk"): content python 1, any 1; developers python Ada (a list holding
        // it), csharp Cyd (c#), any 2; questions python 1 ("azure;Python"), any 1.
        var language = report.Dimensions[1];
        Assert.Equal(("language", 1L, 2L, 1L), (language.Dimension, language.ContentItems, language.Developers, language.Questions));
        Assert.Equal([1L, 0], language.Cells.Select(cell => cell.ContentItems));
        Assert.Equal([1L, 1], language.Cells.Select(cell => cell.Developers));
        Assert.Equal([1L, 0], language.Cells.Select(cell => cell.Questions));
        Assert.Equal([0.75, 0.25], language.Cells.Select(cell => cell.DemandShare), new ShareComparer());
        Assert.Equal([false, true], language.Cells.Select(cell => cell.UnderServed));

        // Under-served: demand share >= 10% and supply share < half of it; the biggest gap (demand - supply) first.
        Assert.Equal([("cloud", "azure"), ("language", "csharp")], report.UnderServed.Select(gap => (gap.Dimension, gap.Value)));
        Assert.Equal(
            "cloud azure: 3 developers use it and 2 questions are tagged with it (71% of demand), but we have no content for it (0% of supply; 3 items for aws)",
            report.UnderServed[0].Reason);
        Assert.Equal("language csharp: 1 developer uses it (25% of demand), but we have no content for it (0% of supply; 1 item for python)", report.UnderServed[1].Reason);
    }

    [Fact]
    public async Task A_workspace_without_coverage_dimensions_has_an_empty_matrix_until_it_sets_them()
    {
        await IngestCoverageTrafficAsync();
        Assert.Empty((await Store.GetCoverageReportAsync(Workspace, Token)).Dimensions);

        await Store.SetCoverageConfigAsync(Workspace, CoverageConfig.Parse(CoverageFile), Token);
        var stored = await Store.GetCoverageConfigAsync(Workspace, Token);

        Assert.Equal(CoverageConfig.Parse(CoverageFile).ToJson(), stored.ToJson());
        Assert.Equal(["cloud"], stored.Dimensions[0].Traits);
        Assert.Equal(["sdk"], stored.Dimensions[1].Properties);
        Assert.Equal(["csharp", "c#", "dotnet"], stored.Dimensions[1].Values[1].Synonyms);
    }

    private sealed class ShareComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
