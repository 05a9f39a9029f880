using System.Text.Json.Nodes;

namespace Rapport.Web.OpenApi;

/// <summary>
/// Example requests and answers for the operations people call first, by operation id, shown by the reference page
/// and carried into generated clients' documentation. The values are those of docs/api/*.http.
/// </summary>
internal static class OperationExamples
{
    public static JsonNode? Request(string operationId) => operationId switch
    {
        "MergeMembers" => Parse("""{"identity": "github:ada-l", "other": "email:ada@analytical.io", "reason": "Met at NDC; same person"}"""),
        "UnmergeIdentity" => Parse("""{"identity": "anonymous:device-1", "reason": "A shared conference laptop"}"""),
        "UpdateLead" => Parse("""{"status": "handed_off", "note": "Sam is on it"}"""),
        "SetLeadCriteria" => Parse("""{"rules": [{"developers": 3, "stage": "build"}, {"developers": 1, "stage": "scale"}], "activeWithinDays": 90, "developersWithoutOrganization": true}"""),
        "AddWebhook" => Parse("""{"url": "https://hooks.example.com/rapport", "events": ["drql.created"], "format": "json"}"""),
        "NominateHero" => Parse("""{"identity": "github:ada", "hero": true, "reason": "Runs the Berlin meetup", "by": "sam@example.com"}"""),
        "AddRecognition" => Parse("""{"identity": "github:ada", "kind": "swag", "note": "Hoodie for the meetup talk", "givenOn": "2026-03-01", "by": "sam@example.com"}"""),
        "UpdateOutreachTask" => Parse("""{"status": "snoozed", "snoozedUntil": "2026-04-08T00:00:00Z", "assignee": "sam@example.com", "note": "Back from leave in April"}"""),
        "AddContent" => Parse("""{"kind": "blog_post", "title": "Getting started with Rapport", "urls": ["https://example.com/blog/getting-started"], "channel": "blog", "tags": ["tutorial"], "published": "2026-02-10T00:00:00Z"}"""),
        "SegmentTrack" => Parse("""{"userId": "ada", "event": "Signed Up", "properties": {"plan": "free"}, "messageId": "m-1"}"""),
        "SegmentBatch" => Parse("""{"batch": [{"type": "identify", "userId": "ada", "traits": {"email": "ada@example.com"}}, {"type": "page", "anonymousId": "visitor-7", "name": "Quickstart"}]}"""),
        _ => null,
    };

    public static JsonNode? Response(string operationId) => operationId switch
    {
        "GetFunnel" => Parse("""
            {"stages": [
              {"stage": "discover", "developers": 4, "conversion": null, "medianDaysFromPrevious": null},
              {"stage": "evaluate", "developers": 3, "conversion": 0.75, "medianDaysFromPrevious": 2},
              {"stage": "learn", "developers": 2, "conversion": 0.6666666666666666, "medianDaysFromPrevious": 1},
              {"stage": "build", "developers": 2, "conversion": 1, "medianDaysFromPrevious": 5},
              {"stage": "scale", "developers": 1, "conversion": 0.5, "medianDaysFromPrevious": 14}]}
            """),
        "SegmentTrack" or "SegmentBatch" => Parse("""{"success": true}"""),
        _ => null,
    };

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
