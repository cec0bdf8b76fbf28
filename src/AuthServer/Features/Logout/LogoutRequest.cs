namespace AuthServer.Features.Logout;

public sealed record LogoutRequest
{
    public string? RefreshToken { get; init; }
}
