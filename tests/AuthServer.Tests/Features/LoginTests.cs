using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Features;

public sealed class LoginTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Login_RightPassword_Returns200TokenResponse()
    {
        var user = await _client.RegisterAsync();

        var response = await _client.PostLoginAsync(user);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        response.AssertNoStore();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal(
            ["access_token", "token_type", "expires_in", "refresh_token", "refresh_token_expires_in"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Bearer", root.GetProperty("token_type").GetString());
        Assert.Equal(900, root.GetProperty("expires_in").GetInt32());
        Assert.Equal(604800, root.GetProperty("refresh_token_expires_in").GetInt32());
    }

    [Fact]
    public async Task Login_AccessToken_CarriesTheContractsHeaderAndClaims()
    {
        var user = await _client.RegisterAsync();

        var tokens = await _client.LoginAsync(user);

        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal("ES256", jwt.Alg);
        Assert.False(string.IsNullOrEmpty(jwt.Kid));
        Assert.Equal("https://auth.test", jwt.Issuer);
        Assert.Equal(["test-api"], jwt.Audiences);
        Assert.Equal(user.Username, jwt.GetClaim("name").Value);
        Assert.True(Guid.TryParse(jwt.Subject, out _));
        Assert.True(Guid.TryParse(jwt.GetClaim("sid").Value, out _));
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(now, jwt.IssuedAt, TimeSpan.FromSeconds(1));
        Assert.Equal(now, jwt.ValidFrom, TimeSpan.FromSeconds(1));
        Assert.Equal(now.AddMinutes(15), jwt.ValidTo, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Login_RefreshToken_IsOpaque256BitBase64Url()
    {
        var tokens = await _client.LoginAsync();

        Assert.Matches("^[A-Za-z0-9_-]{43}$", tokens.RefreshToken);
    }

    [Fact]
    public async Task Login_StoresOnlyTheRefreshTokensHash()
    {
        var tokens = await _client.LoginAsync();

        var hashes = await factory.QueryAsync(db => Task.FromResult(db.RefreshTokens.Select(t => t.TokenHash).ToList()));

        Assert.Contains(hashes, h => h.SequenceEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tokens.RefreshToken!))));
        Assert.DoesNotContain(hashes, h => System.Text.Encoding.UTF8.GetString(h).Contains(tokens.RefreshToken!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_UsernameInAnotherCase_Succeeds()
    {
        var user = await _client.RegisterAsync();

        await _client.LoginAsync(user with { Username = user.Username.ToUpperInvariant() });
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownUser_GiveTheSame401Body()
    {
        var user = await _client.RegisterAsync();

        var wrongPassword = await _client.PostLoginAsync(user with { Password = "not the right passphrase" });
        var unknownUser = await _client.PostLoginAsync(TestUser.Unique());

        await wrongPassword.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        await unknownUser.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await unknownUser.Content.ReadAsStringAsync());
        Assert.Equal(wrongPassword.Content.Headers.ContentType, unknownUser.Content.Headers.ContentType);
    }

    [Fact]
    public async Task Login_PasswordsDifferingOnlyAfterByte72_AreDifferentPasswords()
    {
        var prefix = new string('x', 36) + new string('y', 36); // 72 bytes: all that plain BCrypt would read
        var user = await _client.RegisterAsync(TestUser.Unique() with { Password = prefix + "-tail-one" });

        var response = await _client.PostLoginAsync(user with { Password = prefix + "-tail-two" });

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        await _client.LoginAsync(user);
    }

    [Fact]
    public async Task Login_PasswordWithSurroundingSpaces_IsNotTrimmed()
    {
        var user = await _client.RegisterAsync(TestUser.Unique() with { Password = "  spaced passphrase here  " });

        var trimmed = await _client.PostLoginAsync(user with { Password = user.Password.Trim() });

        await trimmed.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        await _client.LoginAsync(user);
    }

    [Fact]
    public async Task Login_EachLogin_StartsItsOwnSession()
    {
        var user = await _client.RegisterAsync();

        var first = await _client.LoginAsync(user);
        var second = await _client.LoginAsync(user);

        Assert.NotEqual(AccessTokenReader.SessionIdOf(first.AccessToken), AccessTokenReader.SessionIdOf(second.AccessToken));
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
    }

    [Fact]
    public async Task Login_RecordsTheClientsUserAgentOnTheSession()
    {
        var user = await _client.RegisterAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = JsonContent.Create(new { username = user.Username, password = user.Password }) };
        request.Headers.UserAgent.ParseAdd("AuthServerTests/1.0");

        var response = await _client.SendAsync(request);

        var tokens = await response.Content.ReadFromJsonAsync<TestTokens>();
        var sessionId = Guid.Parse(AccessTokenReader.SessionIdOf(tokens!.AccessToken));
        var userAgent = await factory.QueryAsync(db => Task.FromResult(db.Sessions.Single(s => s.Id == sessionId).UserAgent));
        Assert.Equal("AuthServerTests/1.0", userAgent);
    }
}
