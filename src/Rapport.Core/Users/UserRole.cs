namespace Rapport.Core.Users;

/// <summary>What a person signed in to the dashboard may do; each role can do everything the one before it can.</summary>
public enum UserRole
{
    /// <summary>Looks at everything, changes nothing.</summary>
    Viewer = 0,

    /// <summary>Works the outreach queue, edits developers, content and events.</summary>
    Editor = 1,

    /// <summary>Also manages users, keys, webhooks and the workspace's settings.</summary>
    Owner = 2,
}
