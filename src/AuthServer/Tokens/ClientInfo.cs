namespace AuthServer.Tokens;

/// <summary>What a session records of the device that opened it.</summary>
public sealed record ClientInfo(string? UserAgent, string? IpAddress)
{
    public const int MaxUserAgentLength = 512;

    public static ClientInfo From(HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new ClientInfo(
            userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)],
            context.Connection.RemoteIpAddress?.ToString());
    }
}
