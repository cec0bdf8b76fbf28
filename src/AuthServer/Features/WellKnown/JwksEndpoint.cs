using AuthServer.SigningKeys;
using Microsoft.Extensions.Options;

namespace AuthServer.Features.WellKnown;

/// <summary><c>GET /.well-known/jwks.json</c>: the public keys that verify access tokens, announced ones included.</summary>
public static class JwksEndpoint
{
    public const string Path = "/.well-known/jwks.json";

    public static RouteHandlerBuilder MapJwks(this IEndpointRouteBuilder routes) =>
        routes.MapGet(Path, Handle).WithName("Jwks").AllowAnonymous().WithPublicCaching();

    // PublicKeys is empty for HS256: a shared secret verifies and forges alike, so it is never published.
    public static JwksResponse Handle(SigningKeyRing keys, IOptions<SigningOptions> options) =>
        new([.. keys.PublicKeys.Select(key => PublicJsonWebKey.From(key, options.Value.SigningAlgorithm))]);
}
