using System.Net;
using System.Net.Sockets;

namespace Rapport.Connectors.Outbound;

/// <summary>
/// Which network addresses Rapport may fetch from or deliver to on a user's say-so: public ones only. A URL someone
/// types (a webhook target, a feed to import) must not make the server reach into its own network — its loopback
/// services, the private network behind it, or a cloud provider's metadata endpoint that hands out credentials.
/// </summary>
public static class PublicAddresses
{
    /// <summary>Why an address is refused ("a loopback address"), or <c>null</c> for a public address.</summary>
    public static string? WhyRefused(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return WhyRefused(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b switch
            {
                [0, ..] => "an unspecified (0.0.0.0/8) address",
                [127, ..] => "a loopback address",
                [10, ..] => "a private (RFC 1918) address",
                [172, >= 16 and <= 31, ..] => "a private (RFC 1918) address",
                [192, 168, ..] => "a private (RFC 1918) address",
                [169, 254, ..] => "a link-local address (where cloud metadata services answer)",
                [100, >= 64 and <= 127, ..] => "a shared (carrier-grade NAT, 100.64.0.0/10) address",
                [192, 0, 0, _] => "a reserved (IETF protocol, 192.0.0.0/24) address",
                [198, 18 or 19, ..] => "a reserved (benchmarking, 198.18.0.0/15) address",
                [>= 224 and <= 239, ..] => "a multicast address",
                [>= 240, ..] => "a reserved (240.0.0.0/4) address",
                _ => null,
            };
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "a loopback address";
        }

        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return "an unspecified (::) address";
        }

        var bytes = address.GetAddressBytes();
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "a link-local address (where cloud metadata services answer)";
        }

        if ((bytes[0] & 0xFE) == 0xFC)
        {
            return "a unique local (fc00::/7) address";
        }

        if (address.IsIPv6Multicast)
        {
            return "a multicast address";
        }

        // NAT64 (64:ff9b::/96) and IPv4-compatible (::/96) addresses carry an IPv4 address that decides.
        if (bytes is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..] || bytes[..12].All(part => part == 0))
        {
            return WhyRefused(new IPAddress(bytes[12..]));
        }

        return null;
    }
}
