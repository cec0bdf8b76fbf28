namespace AuthServer.Features.WellKnown;

/// <summary>An RFC 7517 §5 JWK set: <c>{"keys": [...]}</c>.</summary>
public sealed record JwksResponse(IReadOnlyList<PublicJsonWebKey> Keys);
