using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Features;

/// <summary><c>POST /token</c>: RFC 6749's password and refresh-token grants, and its §5.2 error rows.</summary>
public sealed class TokenEndpointTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PasswordGrant_AsForm_Returns200TokenResponse()
    {
        var user = await _client.RegisterAsync();

        var response = await PostFormAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        response.AssertNoStore();
        Assert.Equal("no-cache", response.Headers.Pragma.ToString());
        var tokens = (await response.Content.ReadFromJsonAsync<TestTokens>())!;
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(900, tokens.ExpiresIn);
        Assert.NotNull(tokens.RefreshToken);
        Assert.Null(tokens.Scope);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task PasswordGrant_AsJson_WithScope_GrantsIt()
    {
        var user = await _client.RegisterAsync();

        var response = await _client.PostAsJsonAsync("/token", new { grant_type = "password", username = user.Username, password = user.Password, scope = "resource.write resource.read" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = (await response.Content.ReadFromJsonAsync<TestTokens>())!;
        Assert.Equal("resource.read resource.write", tokens.Scope);
        Assert.Equal("resource.read resource.write", AccessTokenReader.ScopeOf(tokens.AccessToken));
    }

    [Theory]
    [InlineData("wrong password for sure")]
    [InlineData(null)]
    public async Task PasswordGrant_WrongPasswordOrUnknownUser_Returns400InvalidGrant(string? wrongPassword)
    {
        var user = wrongPassword is null ? TestUser.Unique() : await _client.RegisterAsync() with { Password = wrongPassword };

        var response = await PostFormAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PasswordGrant_UnknownScope_Returns400InvalidScopeAndStoresNothing()
    {
        var user = await _client.RegisterAsync();
        var rowsBefore = await factory.CountRowsAsync();

        var response = await PostFormAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password), ("scope", "resource.read admin"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
        Assert.Equal(rowsBefore, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task RefreshTokenGrant_RotatesLikeRefreshToken()
    {
        var login = await _client.LoginAsync();

        var response = await PostFormAsync(("grant_type", "refresh_token"), ("refresh_token", login.RefreshToken!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rotated = (await response.Content.ReadFromJsonAsync<TestTokens>())!;
        Assert.NotEqual(login.RefreshToken, rotated.RefreshToken);
        // Within the leeway a repeat gets the same successor; after it, the reuse revokes the session.
        var repeat = (await (await PostFormAsync(("grant_type", "refresh_token"), ("refresh_token", login.RefreshToken!))).Content.ReadFromJsonAsync<TestTokens>())!;
        Assert.Equal(rotated.RefreshToken, repeat.RefreshToken);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var reuse = await PostFormAsync(("grant_type", "refresh_token"), ("refresh_token", login.RefreshToken!));
        await reuse.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        await (await PostFormAsync(("grant_type", "refresh_token"), ("refresh_token", rotated.RefreshToken!))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        (await _client.GetProtectedAsync(rotated.AccessToken)).AssertInvalidTokenChallenge();
    }

    [Fact]
    public async Task RefreshTokenGrant_NarrowerScope_NarrowsThisAccessTokenOnly()
    {
        var user = await _client.RegisterAsync();
        var login = (await (await PostFormAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password), ("scope", "resource.read resource.write"))).Content.ReadFromJsonAsync<TestTokens>())!;

        var narrowed = (await (await PostFormAsync(("grant_type", "refresh_token"), ("refresh_token", login.RefreshToken!), ("scope", "resource.read"))).Content.ReadFromJsonAsync<TestTokens>())!;
        var next = (await (await PostFormAsync(("grant_type", "refresh_token"), ("refresh_token", narrowed.RefreshToken!))).Content.ReadFromJsonAsync<TestTokens>())!;

        Assert.Equal("resource.read", narrowed.Scope);
        Assert.Equal("resource.read", AccessTokenReader.ScopeOf(narrowed.AccessToken));
        Assert.Equal("resource.read resource.write", next.Scope);
    }

    [Fact]
    public async Task RefreshTokenGrant_WiderScope_Returns400InvalidScopeAndConsumesNothing()
    {
        var user = await _client.RegisterAsync();
        var login = (await (await PostFormAsync(("grant_type", "password"), ("username", user.Username), ("password", user.Password), ("scope", "resource.read"))).Content.ReadFromJsonAsync<TestTokens>())!;

        var response = await PostFormAsync(("grant_type", "refresh_token"), ("refresh_token", login.RefreshToken!), ("scope", "resource.read resource.write"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
        await _client.RefreshAsync(login.RefreshToken!);
    }

    [Fact]
    public async Task PasswordGrant_WhenSwitchedOff_Returns400UnsupportedGrantType()
    {
        using var noPasswordGrant = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:AllowPasswordGrant"] = "false" });
        var client = noPasswordGrant.CreateClient();
        var user = await client.RegisterAsync();
        var rowsBefore = await noPasswordGrant.CountRowsAsync();

        var response = await client.PostAsync("/token", Form(("grant_type", "password"), ("username", user.Username), ("password", user.Password)));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "unsupported_grant_type");
        Assert.Equal(rowsBefore, await noPasswordGrant.CountRowsAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.PostLoginAsync(user)).StatusCode);
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "application/x-www-form-urlencoded", "username=a&password=b", "invalid_request" },
        { "application/x-www-form-urlencoded", "grant_type=", "invalid_request" },
        { "application/x-www-form-urlencoded", "grant_type=client_credentials", "unsupported_grant_type" },
        { "application/x-www-form-urlencoded", "grant_type=authorization_code&code=x", "unsupported_grant_type" },
        { "application/x-www-form-urlencoded", "grant_type=password&username=someone", "invalid_request" },
        { "application/x-www-form-urlencoded", "grant_type=refresh_token", "invalid_request" },
        { "application/x-www-form-urlencoded", "grant_type=password&grant_type=refresh_token&refresh_token=x", "invalid_request" },
        { "application/x-www-form-urlencoded", "grant_type=password&username=someone&password=x&scope=a%20%20b", "invalid_scope" },
        { "application/json", """{"grant_type":"password","username":"someone","password":7}""", "invalid_request" },
        { "application/json", """["grant_type","password"]""", "invalid_request" },
        { "application/json", """{"grant_type":"refresh_token","refresh_token":""", "invalid_request" },
        { "application/json", """{"grant_type":"refresh_token","grant_type":"password"}""", "invalid_request" },
        { "text/plain", "grant_type=password", "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task MalformedOrUnsupportedRequest_Returns400WithTheRfc6749ErrorAndChangesNothing(string contentType, string body, string error)
    {
        await _client.LoginAsync();
        var rowsBefore = await factory.CountRowsAsync();
        var consumedBefore = await ConsumedRefreshTokensAsync();

        var response = await _client.PostAsync("/token", new StringContent(body, Encoding.UTF8, contentType));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, error);
        Assert.Equal(rowsBefore, await factory.CountRowsAsync());
        Assert.Equal(consumedBefore, await ConsumedRefreshTokensAsync());
    }

    [Theory]
    [InlineData("grant_type=foo%22%5C%C3%A9")]
    [InlineData("grant_type=password&na%22me%C3%A9=1&na%22me%C3%A9=2")]
    public async Task ErrorDescription_NeverEchoesCharactersRfc6749Forbids(string body)
    {
        var response = await _client.PostAsync("/token", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var description = json.RootElement.GetProperty("error_description").GetString()!;
        // RFC 6749 §5.2: %x20-21 / %x23-5B / %x5D-7E
        Assert.All(description, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', $"'{c}' in \"{description}\""));
    }

    [Fact]
    public async Task NoBody_Returns400InvalidRequest()
    {
        var response = await _client.PostAsync("/token", null);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["error", "error_description"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    private Task<int> ConsumedRefreshTokensAsync() => factory.QueryAsync(db => db.RefreshTokens.CountAsync(t => t.ConsumedAtUtc != null));

    private Task<HttpResponseMessage> PostFormAsync(params (string Name, string Value)[] fields) => _client.PostAsync("/token", Form(fields));

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
