using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Rapport.Storage;

namespace Rapport.Web.Dashboard;

/// <summary>
/// Keeps ASP.NET Core's data protection keys (they encrypt sign-in cookies and anti-forgery tokens) in the store, so
/// that a restart does not sign everyone out and several instances on one PostgreSQL accept each other's cookies.
/// </summary>
internal sealed class StoreXmlRepository(IRapportStore store) : IXmlRepository
{
    // Data protection asks for its keys synchronously, rarely (at start and when its cache expires), off the hot path.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.ListDataProtectionKeysAsync(CancellationToken.None).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        store.AddDataProtectionKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None)
            .GetAwaiter().GetResult();
}
