using AuthServer.StatusLists;
using AuthServer.Tokens;

namespace AuthServer.Features.WellKnown;

/// <summary>
/// RFC 8414 §2 authorization server metadata. Every URL is built from the configured issuer, never from the
/// request, so a forged <c>Host</c> header cannot point clients elsewhere (RFC 8414 §6.2).
/// </summary>
public sealed record AuthorizationServerMetadata(
    string Issuer,
    string TokenEndpoint,
    string RevocationEndpoint,
    string JwksUri,
    IReadOnlyList<string> GrantTypesSupported,
    IReadOnlyList<string> ResponseTypesSupported,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    IReadOnlyList<string> RevocationEndpointAuthMethodsSupported,
    IReadOnlyList<string> ScopesSupported,
    string StatusListAggregationEndpoint)
{
    public static AuthorizationServerMetadata For(TokenOptions options)
    {
        var root = options.Issuer.TrimEnd('/');
        return new(
            Issuer: options.Issuer,
            TokenEndpoint: $"{root}/token",
            RevocationEndpoint: $"{root}/revoke",
            JwksUri: root + JwksEndpoint.Path,
            GrantTypesSupported: options.AllowPasswordGrant ? ["password", "refresh_token"] : ["refresh_token"],
            // Required by RFC 8414, and empty on purpose: there is no authorization endpoint, so no response type.
            ResponseTypesSupported: [],
            // Public clients: the token and revocation endpoints take no client authentication.
            TokenEndpointAuthMethodsSupported: ["none"],
            RevocationEndpointAuthMethodsSupported: ["none"],
            ScopesSupported: options.Scopes,
            // draft-ietf-oauth-status-list-20 §9.2: where resource servers learn which status lists to fetch.
            StatusListAggregationEndpoint: root + StatusListLayout.PathPrefix);
    }
}
