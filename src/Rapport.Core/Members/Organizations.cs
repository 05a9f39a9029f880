namespace Rapport.Core.Members;

/// <summary>
/// A developer's organization: the <c>company</c> trait when there is one, else the domain of a work address.
/// Free-mail domains name no organization.
/// </summary>
public static class Organizations
{
    private static readonly HashSet<string> FreeMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
        "yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com",
        "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "mail.ru",
        "yandex.ru", "yandex.com", "qq.com", "163.com", "126.com", "naver.com", "fastmail.com", "hey.com",
        "tutanota.com", "zoho.com", "users.noreply.github.com", "example.com",
    };

    public static bool IsFreeMail(string domain) => FreeMailDomains.Contains(domain);

    /// <summary>The organization an email address's domain names, or <c>null</c> for free mail and malformed addresses.</summary>
    public static string? FromEmail(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        if (at <= 0 || at == email!.Length - 1)
        {
            return null;
        }

        var domain = email[(at + 1)..].Trim().ToLowerInvariant();
        return IsFreeMail(domain) ? null : domain;
    }
}
