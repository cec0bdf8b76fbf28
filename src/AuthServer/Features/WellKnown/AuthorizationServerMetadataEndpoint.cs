using AuthServer.Tokens;
using Microsoft.Extensions.Options;

namespace AuthServer.Features.WellKnown;

/// <summary>
/// <c>GET /.well-known/oauth-authorization-server</c> (RFC 8414 §3) and the same document at
/// <c>/.well-known/openid-configuration</c>, where JwtBearer's <c>Authority</c> and most JWT libraries look for it.
/// </summary>
public static class AuthorizationServerMetadataEndpoint
{
    public static IEndpointRouteBuilder MapAuthorizationServerMetadata(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/.well-known/oauth-authorization-server", Handle).WithName("AuthorizationServerMetadata").AllowAnonymous().WithPublicCaching();
        routes.MapGet("/.well-known/openid-configuration", Handle).WithName("OpenIdConfiguration").AllowAnonymous().WithPublicCaching();
        return routes;
    }

    public static AuthorizationServerMetadata Handle(IOptions<TokenOptions> options) => AuthorizationServerMetadata.For(options.Value);
}
