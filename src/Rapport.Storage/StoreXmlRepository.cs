using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Rapport.Storage;

/// <summary>
/// Keeps ASP.NET Core's data protection keys in the store: the keys that encrypt sign-in cookies, anti-forgery tokens
/// and stored webhook secrets. A restart does not sign everyone out, and every process on one store (servers, CLI
/// commands) can read what another encrypted.
/// </summary>
public sealed class StoreXmlRepository(IRapportStore store) : IXmlRepository
{
    // Data protection asks for its keys synchronously, rarely (at start and when its cache expires), off the hot path.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.ListDataProtectionKeysAsync(CancellationToken.None).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        store.AddDataProtectionKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None)
            .GetAwaiter().GetResult();
}
