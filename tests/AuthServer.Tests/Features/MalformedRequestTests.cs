using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using AuthServer.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthServer.Tests.Features;

/// <summary>
/// API.md: a malformed request is answered with a 4xx and the contract's error body, never a 500, and changes
/// nothing in the store. Each body that could pass for a request carries real credentials or a live refresh
/// token, so a server that wrongly accepted it would start a session, rotate or revoke, and the test would see it.
/// </summary>
public sealed class MalformedRequestTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private const string OneMegabyte = "one megabyte";

    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> MalformedRequests()
    {
        string[] everywhere = ["invalid JSON", "wrong JSON types", "JSON array", "text/plain", "form-urlencoded", OneMegabyte];
        // An empty /logout body is allowed (the refresh token is optional there), so those cases are not malformed for it.
        string[] withRequiredBody = ["missing fields", "empty strings", "no body"];
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "/register", "/login", "/refresh-token", "/logout" })
        {
            foreach (var kind in path == "/logout" ? everywhere : everywhere.Concat(withRequiredBody))
            {
                data.Add(path, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task MalformedRequest_IsAnswered4xxInvalidRequestAndChangesNothing(string path, string kind)
    {
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);
        var before = await factory.CountRowsAsync();

        var response = await _client.PostAsync(path, Body(path, kind, user, tokens.RefreshToken!));

        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{path} with {kind}: expected a 4xx, got {status}: {Shorten(body)}");
        if (kind == OneMegabyte)
        {
            Assert.True(status is 400 or 413, $"{path} with {kind}: expected 400 or 413, got {status}: {Shorten(body)}");
        }
        else if (kind is "text/plain" or "form-urlencoded")
        {
            Assert.True(status is 400 or 415, $"{path} with {kind}: expected 400 or 415, got {status}: {Shorten(body)}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using var json = JsonDocument.Parse(body);
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error_description").GetString()));
        Assert.Equal(before, await factory.CountRowsAsync());
        await _client.RefreshAsync(tokens.RefreshToken!);
    }

    [Theory]
    [InlineData("/register")]
    [InlineData("/login")]
    [InlineData("/refresh-token")]
    [InlineData("/logout")]
    [InlineData("/token")]
    [InlineData("/revoke")]
    public async Task OneMegabyteBody_OnKestrel_IsRefusedAsTooLargeByTheConfiguredLimit(string path)
    {
        using var kestrel = new AuthServerFactory();
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var client = kestrel.CreateClient();
        var user = await client.RegisterAsync();
        var tokens = await client.LoginAsync(user);
        var before = await kestrel.CountRowsAsync();
        var limit = kestrel.Services.GetRequiredService<IConfiguration>()["Kestrel:Limits:MaxRequestBodySize"];

        var response = await client.PostAsync(path, Body(path, OneMegabyte, user, tokens.RefreshToken!));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.RequestEntityTooLarge == response.StatusCode,
            $"{path}: a 1 MB body over Kestrel:Limits:MaxRequestBodySize={limit} should be 413, got {(int)response.StatusCode}: {Shorten(body)}");
        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "invalid_request");
        Assert.Equal(before, await kestrel.CountRowsAsync());
    }

    [Fact]
    public async Task Login_UsernameOf65Characters_Returns400InvalidRequest()
    {
        var response = await _client.PostLoginAsync(new TestUser(new string('u', UsernamePolicy.MaxLength + 1), TestUser.DefaultPassword));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Login_UsernameOf64Characters_IsCheckedLikeAnyOther()
    {
        var response = await _client.PostLoginAsync(new TestUser(new string('u', UsernamePolicy.MaxLength), TestUser.DefaultPassword));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Fact]
    public async Task Login_PasswordOneOverMaxLength_Returns400InvalidRequest()
    {
        var user = await _client.RegisterAsync();

        var response = await _client.PostLoginAsync(user with { Password = new string('p', PasswordMaxLength + 1) });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Login_PasswordFarOverMaxLength_Returns400InvalidRequest()
    {
        var user = await _client.RegisterAsync();

        var response = await _client.PostLoginAsync(user with { Password = new string('p', 20_000) });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Login_PasswordOfExactlyMaxLength_IsCheckedLikeAnyOther()
    {
        var user = await _client.RegisterAsync();

        var response = await _client.PostLoginAsync(user with { Password = new string('p', PasswordMaxLength) });

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    private int PasswordMaxLength => factory.Services.GetRequiredService<IOptions<PasswordOptions>>().Value.MaxLength;

    /// <summary>The body of a malformed request of <paramref name="kind"/> for the endpoint at <paramref name="path"/>.</summary>
    private static HttpContent Body(string path, string kind, TestUser user, string refreshToken)
    {
        var credentials = path is "/register" or "/login";
        // For /register a new name, so that a wrongly accepted body would add a user.
        var username = path == "/register" ? TestUser.Unique().Username : user.Username;
        return kind switch
        {
            "invalid JSON" => Json(credentials ? """{"username":""" : """{"refresh_token":"""),
            "wrong JSON types" => Json(credentials ? """{"username": 1, "password": true}""" : """{"refresh_token": 42}"""),
            "JSON array" => credentials
                ? JsonContent.Create(new[] { new { username, password = user.Password } })
                : JsonContent.Create(new[] { new { refresh_token = refreshToken } }),
            "missing fields" => Json("{}"),
            "empty strings" => Json(credentials ? """{"username": "", "password": ""}""" : """{"refresh_token": ""}"""),
            "no body" => Json(""),
            "text/plain" => new StringContent(
                credentials ? JsonSerializer.Serialize(new { username, password = user.Password }) : JsonSerializer.Serialize(new { refresh_token = refreshToken }),
                Encoding.UTF8,
                "text/plain"),
            "form-urlencoded" => new FormUrlEncodedContent(credentials
                ? new Dictionary<string, string> { ["username"] = username, ["password"] = user.Password }
                : new Dictionary<string, string> { ["refresh_token"] = refreshToken }),
            OneMegabyte => credentials
                ? JsonContent.Create(new { username = new string('a', 1_000_000), password = user.Password })
                : JsonContent.Create(new { refresh_token = new string('a', 1_000_000) }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
