namespace AuthServer.Sessions;

/// <summary>What a session records of the device that opened it.</summary>
public sealed record ClientInfo(string? UserAgent, string? IpAddress)
{
    public const int MaxUserAgentLength = 512;

    public static ClientInfo From(HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d; one client must have one address.
        var address = context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : context.Connection.RemoteIpAddress;
        return new ClientInfo(
            userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)],
            address?.ToString());
    }
}
