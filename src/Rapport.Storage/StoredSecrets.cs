using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Rapport.Storage;

/// <summary>
/// Secrets the store must give back (webhook signing secrets, inbound hook secrets) encrypted at rest with ASP.NET
/// Core Data Protection, under the key ring the store itself keeps (<see cref="StoreXmlRepository"/>), so that every
/// process on one store decrypts what another encrypted. A stored value says whether it is encrypted: values written
/// before encryption existed are read as they are until <see cref="SqlStore.ProtectPlaintextSecretsAsync"/> encrypts them.
/// </summary>
internal sealed class StoredSecrets
{
    private const string Prefix = "dp1:";

    private readonly IDataProtector _protector;

    public StoredSecrets(IXmlRepository keyRing)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("Rapport");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = keyRing);
        _protector = services.BuildServiceProvider().GetDataProtector("Rapport.Storage.Secrets");
    }

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string secret) => Prefix + _protector.Protect(secret);

    public string Reveal(string stored) => IsProtected(stored) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;
}
