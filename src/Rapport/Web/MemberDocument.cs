using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Core;
using Rapport.Core.Community;
using Rapport.Core.Members;

namespace Rapport.Web;

/// <summary>
/// A developer as <c>rapport members show --json</c> and <c>GET /api/v1/members/{identity}</c> print them: the profile,
/// and under <c>community</c> their level and why (or <c>null</c> before the first community refresh).
/// </summary>
internal static class MemberDocument
{
    public static JsonObject Create(MemberProfile profile, MemberLevel? level)
    {
        var document = JsonSerializer.SerializeToNode(profile, RapportJson.Options)!.AsObject();
        document["community"] = level is null ? null : JsonSerializer.SerializeToNode(level, RapportJson.Options);
        return document;
    }
}
