using System.Net;
using System.Net.Sockets;

namespace AuthServer.Infrastructure;

/// <summary>
/// Who a client is for the abuse limits: its IPv4 address, or the /64 prefix of its IPv6 address, since one subscriber
/// or host is routinely given a whole /64 (RFC 6177) and could otherwise take a fresh address for every attempt.
/// </summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    /// <summary>The key the limits count <paramref name="ipAddress"/> under: <c>203.0.113.7</c>, <c>2001:db8:1:2::/64</c>.</summary>
    public static string LimitKey(string? ipAddress)
    {
        if (!IPAddress.TryParse(ipAddress, out var address))
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
