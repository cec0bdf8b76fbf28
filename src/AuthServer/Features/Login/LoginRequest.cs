namespace AuthServer.Features.Login;

public sealed record LoginRequest
{
    public string? Username { get; init; }

    public string? Password { get; init; }
}
