using System.Net;
using System.Net.Sockets;

namespace Rapport.Connectors.Outbound;

/// <summary>
/// Checks and connections for URLs a user gives Rapport to fetch or deliver to (feeds, webhook targets): http or
/// https only and, unless private networks are allowed, public addresses only. The check that counts is made at
/// connect time on the address actually connected to (<see cref="CreateHandler"/>), so a name that resolves to a
/// public address when checked and to a private one when used (DNS rebinding) gains nothing; <see cref="CheckAsync"/>
/// refuses what it can tell early, when the URL is given, so the user hears of it at once.
/// </summary>
public static class OutboundUrls
{
    private const string Hint = "set Security:AllowPrivateNetworkUrls to true to allow addresses on private networks";

    /// <summary>
    /// The URL, if it is http or https and (unless <paramref name="allowPrivateNetwork"/>) names a public address
    /// or a name that resolves only to public ones; <see cref="FormatException"/> (or its
    /// <see cref="PrivateNetworkUrlException"/>) saying why not. A name that does not resolve now is let through:
    /// the connection is checked again when it is made.
    /// </summary>
    public static async Task<Uri> CheckAsync(string url, bool allowPrivateNetwork, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"'{url}' is not an http or https URL");
        }

        if (allowPrivateNetwork)
        {
            return uri;
        }

        var host = uri.IdnHost;
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.DnsSafeHost, out var literal))
        {
            Refuse(url, literal, literal.ToString());
            return uri;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw new PrivateNetworkUrlException($"'{url}' is refused: {host} is a loopback name; {Hint}");
        }

        IPAddress[] addresses;
        using (var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            lookup.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, lookup.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return uri;
            }
        }

        foreach (var address in addresses)
        {
            Refuse(url, address, $"{host} resolves to {address}, which");
        }

        return uri;
    }

    /// <summary>
    /// A handler that connects only to public addresses unless <paramref name="allowPrivateNetwork"/>: the name is
    /// resolved here and the connection made to an address that passed the check. It uses no proxy, since a proxy
    /// would resolve the name itself.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivateNetwork)
    {
        var handler = new SocketsHttpHandler();
        if (allowPrivateNetwork)
        {
            return handler;
        }

        handler.UseProxy = false;
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            var allowed = addresses.Where(address => PublicAddresses.WhyRefused(address) is null).ToArray();
            if (allowed.Length == 0)
            {
                var refused = addresses.FirstOrDefault();
                throw new PrivateNetworkUrlException(refused is null
                    ? $"{host} resolves to no address"
                    : $"refused to connect to {host}: it resolves to {refused}, {PublicAddresses.WhyRefused(refused)}; {Hint}");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return handler;
    }

    /// <param name="subject">What the message says is refused: the address, or the name and what it resolves to.</param>
    private static void Refuse(string url, IPAddress address, string subject)
    {
        if (PublicAddresses.WhyRefused(address) is { } reason)
        {
            throw new PrivateNetworkUrlException($"'{url}' is refused: {subject} is {reason}; {Hint}");
        }
    }
}
