namespace AuthServer.Features.ProtectedResource;

public sealed record ResourceOwner(string Id, string Username);
