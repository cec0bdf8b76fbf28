using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.StatusLists;

/// <summary>draft-ietf-oauth-status-list-20 for access tokens: every session has an entry, and every way it ends sets it.</summary>
public sealed class StatusListTests(AuthServerFactory factory) : IClassFixture<AuthServerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AccessToken_NamesItsSessionsEntry_InAListSignedWithTheJwksKey()
    {
        var tokens = await _client.LoginAsync();

        var (index, uri) = StatusListReader.EntryOf(tokens.AccessToken);

        Assert.InRange(index, 0, (1 << 17) - 1);
        Assert.Matches(@"^https://auth\.test/status-lists/\d+$", uri);
        Assert.False(await StatusListReader.IsRevokedAsync(_client, tokens.AccessToken));
        var refreshed = await _client.RefreshAsync(tokens.RefreshToken!);
        Assert.Equal((index, uri), StatusListReader.EntryOf(refreshed.AccessToken));
    }

    [Fact]
    public async Task ListToken_HasTheDraftsHeaderAndClaims()
    {
        var tokens = await _client.LoginAsync();
        var (_, uri) = StatusListReader.EntryOf(tokens.AccessToken);

        var response = await _client.GetAsync(new Uri(uri).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        var parts = (await response.Content.ReadAsStringAsync()).Split('.');
        using var header = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]));
        using var payload = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("statuslist+jwt", header.RootElement.GetProperty("typ").GetString());
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.Contains(header.RootElement.GetProperty("kid").GetString(), await _client.GetJwksKidsAsync());
        var claims = payload.RootElement;
        Assert.Equal(uri, claims.GetProperty("sub").GetString());
        Assert.Equal("https://auth.test", claims.GetProperty("iss").GetString());
        Assert.Equal(60, claims.GetProperty("ttl").GetInt32());
        var issuedAt = claims.GetProperty("iat").GetInt64();
        Assert.InRange(issuedAt, factory.Clock.GetUtcNow().ToUnixTimeSeconds() - 60, factory.Clock.GetUtcNow().ToUnixTimeSeconds());
        Assert.Equal(issuedAt + 900, claims.GetProperty("exp").GetInt64());
        Assert.Equal(1, claims.GetProperty("status_list").GetProperty("bits").GetInt32());
        Assert.Equal(1 << 14, StatusListReader.Inflate(System.Buffers.Text.Base64Url.DecodeFromChars(claims.GetProperty("status_list").GetProperty("lst").GetString())).Length);
    }

    [Fact]
    public async Task EveryWayASessionEnds_SetsItsEntry_AndLeavesTheOthersValid()
    {
        var user = await _client.RegisterAsync();
        var bystander = await _client.LoginAsync(user);
        var loggedOut = await _client.LoginAsync(user);
        var ended = await _client.LoginAsync(user);
        var revoked = await _client.LoginAsync(user);
        var reused = await _client.LoginAsync(user);

        await _client.PostLogoutAsync(accessToken: loggedOut.AccessToken);
        await _client.SendWithTokenAsync(HttpMethod.Delete, $"/sessions/{AccessTokenReader.SessionIdOf(ended.AccessToken)}", bystander.AccessToken);
        await _client.PostAsync("/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = revoked.RefreshToken! }));
        await _client.RefreshAsync(reused.RefreshToken!);
        factory.Clock.Advance(TimeSpan.FromMinutes(1)); // past the leeway: the old token coming back is theft
        await _client.PostRefreshAsync(reused.RefreshToken!);

        Assert.True(await StatusListReader.IsRevokedAsync(_client, loggedOut.AccessToken));
        Assert.True(await StatusListReader.IsRevokedAsync(_client, ended.AccessToken));
        Assert.True(await StatusListReader.IsRevokedAsync(_client, revoked.AccessToken));
        Assert.True(await StatusListReader.IsRevokedAsync(_client, reused.AccessToken));
        Assert.False(await StatusListReader.IsRevokedAsync(_client, bystander.AccessToken));
    }

    [Fact]
    public async Task LogoutAllAndPasswordChange_SetTheEntriesOfEverySessionOfTheUser()
    {
        var first = await _client.RegisterAsync();
        var a = await _client.LoginAsync(first);
        var b = await _client.LoginAsync(first);
        var second = await _client.RegisterAsync();
        var c = await _client.LoginAsync(second);
        var d = await _client.LoginAsync(second);
        var other = await _client.LoginAsync();

        await _client.SendWithTokenAsync(HttpMethod.Post, "/logout-all", a.AccessToken);
        await _client.PostChangePasswordAsync(c.AccessToken, second.Password, "a brand new passphrase 77");

        foreach (var tokens in new[] { a, b, c, d })
        {
            Assert.True(await StatusListReader.IsRevokedAsync(_client, tokens.AccessToken));
        }

        Assert.False(await StatusListReader.IsRevokedAsync(_client, other.AccessToken));
    }

    [Fact]
    public async Task Indexes_AreDistinctAndNotInTheOrderOfLogins()
    {
        var user = await _client.RegisterAsync();
        var indexes = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            indexes.Add(StatusListReader.EntryOf((await _client.LoginAsync(user)).AccessToken).Index);
        }

        Assert.Equal(indexes.Count, indexes.Distinct().Count());
        Assert.NotEqual(indexes.Order(), indexes);
        Assert.True(indexes.Max() - indexes.Min() > 1000, "The indexes are spread over the list.");
    }

    [Fact]
    public async Task Aggregation_NamesTheListsInUseAndTheNextOne_AndTheMetadataPointsToIt()
    {
        await _client.LoginAsync();

        var aggregation = await _client.GetFromJsonAsync<JsonElement>("/status-lists");
        var metadata = await _client.GetFromJsonAsync<JsonElement>("/.well-known/oauth-authorization-server");

        Assert.Equal(["https://auth.test/status-lists/0", "https://auth.test/status-lists/1"],
            aggregation.GetProperty("status_lists").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("https://auth.test/status-lists", metadata.GetProperty("status_list_aggregation_endpoint").GetString());
        Assert.All(await StatusListReader.ReadListAsync(_client, "https://auth.test/status-lists/1"), b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData("/status-lists/3")]
    [InlineData("/status-lists/-1")]
    [InlineData("/status-lists/2147483647")]
    public async Task UnknownList_Is404(string path)
    {
        await _client.LoginAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task HistoricalResolution_Is501_AndAnotherMediaType_Is406()
    {
        var historical = await _client.GetAsync("/status-lists/0?time=1686920170");
        var cwt = new HttpRequestMessage(HttpMethod.Get, "/status-lists/0");
        cwt.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/statuslist+cwt"));

        Assert.Equal(HttpStatusCode.NotImplemented, historical.StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, (await _client.SendAsync(cwt)).StatusCode);
    }

    [Fact]
    public async Task SameList_WithItsETag_Is304_UntilAnEntryChanges()
    {
        var tokens = await _client.LoginAsync();
        var path = new Uri(StatusListReader.EntryOf(tokens.AccessToken).Uri).PathAndQuery;
        var etag = (await _client.GetAsync(path)).Headers.ETag!;

        var unchanged = new HttpRequestMessage(HttpMethod.Get, path);
        unchanged.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(unchanged)).StatusCode);
        await _client.PostLogoutAsync(accessToken: tokens.AccessToken);
        var changed = new HttpRequestMessage(HttpMethod.Get, path);
        changed.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(changed)).StatusCode);
    }

    [Fact]
    public async Task AnyOrigin_MayReadTheList()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/status-lists/0");
        request.Headers.Add("Origin", "https://api.example");

        var response = await _client.SendAsync(request);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
