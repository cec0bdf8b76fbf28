namespace AuthServer.Features.Register;

public sealed record RegisterResponse(Guid Id, string Username);
