using System.Net;
using Rapport.Connectors.Outbound;

namespace Rapport.Connectors.Tests.Outbound;

public sealed class PublicAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.0.9", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("10.1.2.3", "a private (RFC 1918) address")]
    [InlineData("172.16.0.1", "a private (RFC 1918) address")]
    [InlineData("172.31.255.255", "a private (RFC 1918) address")]
    [InlineData("192.168.1.20", "a private (RFC 1918) address")]
    [InlineData("::ffff:10.0.0.1", "a private (RFC 1918) address")]
    [InlineData("169.254.169.254", "a link-local address (where cloud metadata services answer)")]
    [InlineData("fe80::1", "a link-local address (where cloud metadata services answer)")]
    [InlineData("100.64.0.1", "a shared (carrier-grade NAT, 100.64.0.0/10) address")]
    [InlineData("100.100.100.200", "a shared (carrier-grade NAT, 100.64.0.0/10) address")]
    [InlineData("0.0.0.0", "an unspecified (0.0.0.0/8) address")]
    [InlineData("::", "an unspecified (::) address")]
    [InlineData("fc00::1", "a unique local (fc00::/7) address")]
    [InlineData("fd00:ec2::254", "a unique local (fc00::/7) address")]
    [InlineData("64:ff9b::a9fe:a9fe", "a link-local address (where cloud metadata services answer)")]
    [InlineData("224.0.0.251", "a multicast address")]
    [InlineData("255.255.255.255", "a reserved (240.0.0.0/4) address")]
    public void Addresses_inside_the_network_are_refused_with_their_kind(string address, string reason) =>
        Assert.Equal(reason, PublicAddresses.WhyRefused(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.Null(PublicAddresses.WhyRefused(IPAddress.Parse(address)));
}
