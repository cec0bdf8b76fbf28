using System.Net;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AuthServer.Tests.Features;

/// <summary>The RFC 8414 metadata at both well-known paths, built from <c>Auth:Issuer</c> and nothing the client sends.</summary>
public sealed class AuthorizationServerMetadataTests
{
    public static TheoryData<string> Paths => new() { "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration" };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Metadata_DescribesTheServerFromItsConfiguredIssuer(string path)
    {
        using var factory = new AuthServerFactory();

        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.Equal(
            """
            {"issuer":"https://auth.test","token_endpoint":"https://auth.test/token","revocation_endpoint":"https://auth.test/revoke",
            "jwks_uri":"https://auth.test/.well-known/jwks.json","grant_types_supported":["password","refresh_token"],
            "response_types_supported":[],"token_endpoint_auth_methods_supported":["none"],
            "revocation_endpoint_auth_methods_supported":["none"],"scopes_supported":["resource.read","resource.write"],
            "status_list_aggregation_endpoint":"https://auth.test/status-lists"}
            """.ReplaceLineEndings(""),
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Metadata_IgnoresTheHostTheRequestNames(string path)
    {
        using var factory = new AuthServerFactory();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "http");

        var body = await (await factory.CreateClient().SendAsync(request)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("https://auth.test", json.RootElement.GetProperty("issuer").GetString());
        Assert.Equal("https://auth.test/token", json.RootElement.GetProperty("token_endpoint").GetString());
    }

    [Fact]
    public async Task Metadata_IssuerWithAPath_KeepsTheIssuerExactAndTheEndpointsUnderIt()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:Issuer"] = "https://login.example/tenant-a" });

        using var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/.well-known/oauth-authorization-server"));

        Assert.Equal("https://login.example/tenant-a", json.RootElement.GetProperty("issuer").GetString());
        Assert.Equal("https://login.example/tenant-a/token", json.RootElement.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://login.example/tenant-a/revoke", json.RootElement.GetProperty("revocation_endpoint").GetString());
        Assert.Equal("https://login.example/tenant-a/.well-known/jwks.json", json.RootElement.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task Metadata_WithoutThePasswordGrant_OffersOnlyRefreshTokens()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:AllowPasswordGrant"] = "false" });

        using var json = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/.well-known/openid-configuration"));

        Assert.Equal(["refresh_token"], json.RootElement.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Metadata_IsReadByTheRetrieverThatJwtBearerUses_KeysIncluded()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();

        // The same retriever JwtBearer's ConfigurationManager runs for an Authority; it then follows jwks_uri.
        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(
            "https://auth.test/.well-known/openid-configuration", new HttpDocumentRetriever(client), CancellationToken.None);

        Assert.Equal("https://auth.test", configuration.Issuer);
        Assert.Equal("https://auth.test/token", configuration.TokenEndpoint);
        Assert.Equal("https://auth.test/.well-known/jwks.json", configuration.JwksUri);
        Assert.Equal(["password", "refresh_token"], configuration.GrantTypesSupported);
        var key = Assert.Single(configuration.SigningKeys);
        Assert.Equal(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken).Kid, key.KeyId);
    }

    [Fact]
    public async Task Metadata_PassesTheDefaultPolicyOfDuendesDiscoveryClient()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();

        // Its default policy checks that the issuer equals the authority, that every endpoint lies under it, and that a key set is published.
        var discovery = await client.GetDiscoveryDocumentAsync("https://auth.test");

        Assert.False(discovery.IsError, discovery.Error);
        Assert.Equal("https://auth.test/token", discovery.TokenEndpoint);
        Assert.Equal("https://auth.test/revoke", discovery.RevocationEndpoint);
        var key = Assert.Single(discovery.KeySet!.Keys);
        Assert.Equal(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken).Kid, key.Kid);
    }
}
