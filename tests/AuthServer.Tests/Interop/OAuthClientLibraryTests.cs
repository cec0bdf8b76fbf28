using System.Net;
using AuthServer.Tests.Infrastructure;
using Duende.IdentityModel.Client;

namespace AuthServer.Tests.Interop;

/// <summary>A stock OAuth 2.0 client library (Duende.IdentityModel) against <c>/token</c> and <c>/revoke</c>, unchanged.</summary>
public sealed class OAuthClientLibraryTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private const string ClientId = "sample-app";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PasswordRefreshAndRevoke_WorkEndToEnd()
    {
        var user = await _client.RegisterAsync();

        var issued = await _client.RequestPasswordTokenAsync(new PasswordTokenRequest
        {
            Address = "/token", ClientId = ClientId, UserName = user.Username, Password = user.Password, Scope = "resource.read resource.write",
        });
        Assert.False(issued.IsError, issued.Error);
        Assert.Equal("Bearer", issued.TokenType);
        Assert.Equal(900, issued.ExpiresIn);
        Assert.Equal("resource.read resource.write", issued.Scope);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(issued.AccessToken!)).StatusCode);

        var refreshed = await _client.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = "/token", ClientId = ClientId, RefreshToken = issued.RefreshToken!, Scope = "resource.read",
        });
        Assert.False(refreshed.IsError, refreshed.Error);
        Assert.NotEqual(issued.RefreshToken, refreshed.RefreshToken);
        Assert.Equal("resource.read", refreshed.Scope);

        var revoked = await _client.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = "/revoke", ClientId = ClientId, Token = refreshed.RefreshToken!, TokenTypeHint = "refresh_token",
        });
        Assert.False(revoked.IsError, revoked.Error);

        var afterRevocation = await _client.RequestRefreshTokenAsync(new RefreshTokenRequest { Address = "/token", ClientId = ClientId, RefreshToken = refreshed.RefreshToken! });
        Assert.True(afterRevocation.IsError);
        Assert.Equal("invalid_grant", afterRevocation.Error);
        (await _client.GetProtectedAsync(refreshed.AccessToken!)).AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task WrongPassword_IsAnInvalidGrantTheLibraryUnderstands()
    {
        var user = await _client.RegisterAsync();

        var response = await _client.RequestPasswordTokenAsync(new PasswordTokenRequest
        {
            Address = "/token", ClientId = ClientId, UserName = user.Username, Password = "not the password at all",
        });

        Assert.True(response.IsError);
        Assert.Equal(ResponseErrorType.Protocol, response.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, response.HttpStatusCode);
        Assert.Equal("invalid_grant", response.Error);
        Assert.False(string.IsNullOrEmpty(response.ErrorDescription));
    }

    [Fact]
    public async Task UnknownScope_IsAnInvalidScopeTheLibraryUnderstands()
    {
        var user = await _client.RegisterAsync();

        var response = await _client.RequestPasswordTokenAsync(new PasswordTokenRequest
        {
            Address = "/token", ClientId = ClientId, UserName = user.Username, Password = user.Password, Scope = "admin",
        });

        Assert.Equal("invalid_scope", response.Error);
    }
}
