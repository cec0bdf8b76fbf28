using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

/// <summary>
/// API.md, Conventions: JSON is read strictly on every endpoint. Property names match exactly, a repeated property is a 400
/// <c>invalid_request</c>, and so are bytes that are not UTF-8 and strings with an unpaired surrogate: never a 500, and
/// nothing written. Every body carries real credentials or a live refresh token, so a body wrongly accepted would show.
/// </summary>
public sealed class StrictJsonTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private const string NewPassword = "copper meadow kettle 42";

    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "/register", "/login", "/refresh-token", "/logout", "/change-password", "/token", "/revoke" })
        {
            foreach (var kind in new[] { "repeated property", "repeated property, escaped", "invalid UTF-8", "encoded surrogate bytes", "escaped unpaired surrogate", "unpaired surrogate in a name" })
            {
                data.Add(path, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AStrictlyMalformedJsonBody_Is400InvalidRequestAndChangesNothing(string path, string kind)
    {
        var user = await _client.RegisterAsync();
        var tokens = await _client.LoginAsync(user);
        var before = await factory.CountRowsAsync();

        var response = await SendAsync(path, Body(path, kind, user, tokens.RefreshToken!), tokens.AccessToken);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} with {kind}: expected 400, got {(int)response.StatusCode}: {body}");
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(before, await factory.CountRowsAsync());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
        await _client.RefreshAsync(tokens.RefreshToken!);
    }

    [Fact]
    public async Task Login_WithADecoyAndTheRealNameRepeated_IsRefusedNotLoggedInAsTheLastOne()
    {
        var admin = await _client.RegisterAsync();

        var response = await PostJsonAsync("/login",
            $$"""{"username":"decoy","username":"{{admin.Username}}","password":"x","Password":"{{admin.Password}}"}""");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Login_PropertyNamesInAnotherCase_AreNotTheFields()
    {
        var user = await _client.RegisterAsync();

        var response = await PostJsonAsync("/login", $$"""{"Username":"{{user.Username}}","PASSWORD":"{{user.Password}}"}""");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Login_APasswordInAnotherCaseBesideAWrongOne_IsIgnored()
    {
        var user = await _client.RegisterAsync();

        var response = await PostJsonAsync("/login", $$"""{"username":"{{user.Username}}","password":"not it at all","Password":"{{user.Password}}"}""");

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
    }

    [Theory]
    [InlineData("grant_type=password&username=%FF%FE&password=x")]
    [InlineData("grant_type=password&username=%ED%A0%80&password=x")]
    public async Task Token_AFormWithPercentEncodedBytesThatAreNotUtf8_Is400(string form)
    {
        var response = await _client.PostAsync("/token", new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> SendAsync(string path, byte[] body, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (path == "/change-password")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return _client.SendAsync(request);
    }

    /// <summary>A body that, read leniently, would do what the endpoint does: register, log in, rotate, end a session, change the password.</summary>
    private static byte[] Body(string path, string kind, TestUser user, string refreshToken)
    {
        var (name, value, rest) = path switch
        {
            "/register" => ("username", TestUser.Unique().Username, $",\"password\":\"{user.Password}\""),
            "/login" => ("username", user.Username, $",\"password\":\"{user.Password}\""),
            "/change-password" => ("current_password", user.Password, $",\"new_password\":\"{NewPassword}\""),
            "/token" => ("refresh_token", refreshToken, ",\"grant_type\":\"refresh_token\""),
            "/revoke" => ("token", refreshToken, ""),
            _ => ("refresh_token", refreshToken, ""),
        };
        var escapedName = string.Concat(name.Select(c => c == '_' ? "\\u005f" : c.ToString()));
        return kind switch
        {
            "repeated property" => Utf8($"{{\"{name}\":\"{value}\",\"{name}\":\"{value}\"{rest}}}"),
            "repeated property, escaped" => Utf8($"{{\"{name}\":\"{value}\",\"{escapedName}\":\"{value}\"{rest}}}"),
            "invalid UTF-8" => [.. Utf8($"{{\"{name}\":\"{value}"), 0xFF, 0xFE, .. Utf8($"\"{rest}}}")],
            "encoded surrogate bytes" => [.. Utf8($"{{\"{name}\":\"{value}"), 0xED, 0xA0, 0x80, .. Utf8($"\"{rest}}}")],
            "escaped unpaired surrogate" => Utf8($"{{\"{name}\":\"{value}\\ud800\"{rest}}}"),
            "unpaired surrogate in a name" => Utf8($"{{\"{name}\":\"{value}\",\"x\\udc00\":\"1\"{rest}}}"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
