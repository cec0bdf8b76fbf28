namespace AuthServer.Features.RefreshToken;

public sealed record RefreshTokenRequest
{
    public string? RefreshToken { get; init; }
}
