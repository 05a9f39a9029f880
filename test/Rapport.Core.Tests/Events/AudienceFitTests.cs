using Rapport.Core.Content;
using Rapport.Core.Events;

namespace Rapport.Core.Tests.Events;

public sealed class AudienceFitTests
{
    private static ContentItem Item(long id, string title, params string[] tags) => new ContentFields
    {
        Kind = ContentKind.BlogPost,
        Title = title,
        Tags = tags,
        Published = new DateTime(2026, 1, (int)id, 0, 0, 0, DateTimeKind.Utc),
    }.Create(id, "manual", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Items_sharing_more_of_the_audiences_tags_come_first_and_focused_items_beat_broad_ones()
    {
        ContentItem[] items =
        [
            Item(1, "Go SDK tour", "go"),
            Item(2, "Azure Functions in .NET", "dotnet", "azure"),
            Item(3, "Everything at once", "dotnet", "azure", "go", "python", "java"),
            Item(4, "Rust on the edge", "rust"),
            Item(5, "For platform teams", "icp:platform-teams", "dotnet"),
        ];

        var fits = AudienceFit.Rank(["dotnet", "azure", "platform-teams"], items);

        // 2: 2/3 − 0 = 0.667; 5: 2/3 − 0 = 0.667 (newer, first); 3: 2/3 − 0.1 × 3/5 = 0.607; 1 and 4 share nothing.
        Assert.Equal([5, 2, 3], fits.Select(fit => fit.ContentId));
        Assert.Equal([0.667, 0.667, 0.607], fits.Select(fit => fit.Score));
        Assert.Equal(["platform-teams", "dotnet"], fits[0].SharedTags);
        Assert.Empty(AudienceFit.Rank([], items));
    }
}
