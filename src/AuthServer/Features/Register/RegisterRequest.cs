namespace AuthServer.Features.Register;

public sealed record RegisterRequest
{
    public string? Username { get; init; }

    public string? Password { get; init; }
}
