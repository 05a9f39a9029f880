using Rapport.Core.Content;

namespace Rapport.Core.Icps;

/// <summary>A content item tagged for an ICP.</summary>
public sealed record IcpContent(long Id, string Title, ContentKind Kind);
