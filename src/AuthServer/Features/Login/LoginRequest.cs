namespace AuthServer.Features.Login;

public sealed record LoginRequest
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Cookie mode: the refresh token goes into an HttpOnly cookie instead of the body.</summary>
    public bool UseCookie { get; init; }
}
