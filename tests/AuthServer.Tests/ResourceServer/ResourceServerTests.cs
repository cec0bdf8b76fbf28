using System.Net;
using System.Security.Cryptography;
using AuthServer.ResourceServer;
using AuthServer.SigningKeys;
using AuthServer.Tests.Infrastructure;
using AuthServer.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.ResourceServer;

/// <summary>The AuthServer.ResourceServer package in an API: validation, the verified-token cache, and the Token Status List check.</summary>
public sealed class ResourceServerTests
{
    [Fact]
    public async Task Logout_IsRefusedByTheApiOnceItRefreshesItsLists_WithoutAnyCallPerRequest()
    {
        using var server = new AuthServerFactory();
        var client = server.CreateClient();
        await using var api = await InProcessApi.StartAsync(server);
        var user = await client.RegisterAsync();
        var loggedOut = await client.LoginAsync(user);
        var other = await client.LoginAsync(user);
        await api.RefreshStatusListsAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetOrdersAsync(loggedOut.AccessToken)).StatusCode);

        await client.PostLogoutAsync(accessToken: loggedOut.AccessToken);

        // Until the list is fetched again, the API has nothing to go on: it asks nobody on the request path.
        Assert.Equal(HttpStatusCode.OK, (await api.GetOrdersAsync(loggedOut.AccessToken)).StatusCode);
        server.Clock.Advance(TimeSpan.FromSeconds(60));
        await api.RefreshStatusListsAsync();
        var refused = await api.GetOrdersAsync(loggedOut.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("The session of this token has ended.", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetOrdersAsync(other.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task TheRolesClaim_IsWhatRequireRoleReads()
    {
        using var server = new AuthServerFactory();
        var client = server.CreateClient();
        await using var api = await InProcessApi.StartAsync(server);
        var editor = await client.RegisterAsync();
        var reader = await client.RegisterAsync();
        await server.QueryAsync(async db =>
        {
            var id = await db.Users.Where(u => u.Username == editor.Username).Select(u => u.Id).SingleAsync();
            db.UserRoles.Add(new UserRole { UserId = id, Name = "editor" });
            return await db.SaveChangesAsync();
        });
        var editorTokens = await client.LoginAsync(editor);
        var readerTokens = await client.LoginAsync(reader);
        await api.RefreshStatusListsAsync();

        Assert.Equal(HttpStatusCode.OK, (await api.Client.SendWithTokenAsync(HttpMethod.Get, "/editors", editorTokens.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Client.SendWithTokenAsync(HttpMethod.Get, "/editors", readerTokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task VerifiedTokens_AreKeptOnce_AndAFailedOneNeverEnters()
    {
        using var server = new AuthServerFactory();
        var client = server.CreateClient();
        await using var api = await InProcessApi.StartAsync(server);
        var tokens = await client.LoginAsync();
        await api.RefreshStatusListsAsync();
        var cache = api.Services.GetRequiredKeyedService<VerifiedTokenCache>("Bearer");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetOrdersAsync(tokens.AccessToken)).StatusCode);
        }

        Assert.Equal(1, cache.Count);
        var tampered = tokens.AccessToken[..^4] + (tokens.AccessToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetOrdersAsync(tampered)).StatusCode);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task AKeptToken_IsStillRefusedTheMomentItExpires()
    {
        using var server = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:StatusList:TimeToLive"] = "01:00:00" });
        var client = server.CreateClient();
        await using var api = await InProcessApi.StartAsync(server);
        var tokens = await client.LoginAsync();
        await api.RefreshStatusListsAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetOrdersAsync(tokens.AccessToken)).StatusCode);

        server.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await api.GetOrdersAsync(tokens.AccessToken)).StatusCode);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetOrdersAsync(tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task ListsThatCannotBeFetched_ServeForTheirGracePeriod_ThenTheirTokensAreRefused()
    {
        using var server = new AuthServerFactory();
        var client = server.CreateClient();
        var reachable = new SwitchableHandler(server.Server.CreateHandler());
        await using var api = await InProcessApi.StartAsync(server, o => o.StatusListGracePeriod = TimeSpan.FromMinutes(2), reachable);
        var tokens = await client.LoginAsync();
        await api.RefreshStatusListsAsync();

        reachable.Down = true;
        server.Clock.Advance(TimeSpan.FromSeconds(60) + TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<HttpRequestException>(api.RefreshStatusListsAsync);
        Assert.Equal(HttpStatusCode.OK, (await api.GetOrdersAsync(tokens.AccessToken)).StatusCode);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var refused = await api.GetOrdersAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("cannot be checked now", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1 << 17, "names no entry of its status list")]
    [InlineData(-1, "names no status list this API holds")]
    public async Task ATokenNamingAnIndexItsListDoesNotHave_IsRefused(int index, string reason)
    {
        using var server = new AuthServerFactory();
        await server.CreateClient().LoginAsync();
        await using var api = await InProcessApi.StartAsync(server);
        await api.RefreshStatusListsAsync();

        var response = await api.GetOrdersAsync(SignedByTheServer(server, new Dictionary<string, object>
        {
            ["status"] = new Dictionary<string, object> { ["status_list"] = new Dictionary<string, object> { ["idx"] = index, ["uri"] = "https://auth.test/status-lists/0" } },
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(reason, response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenWithoutAStatusOrWithAListOfAnotherOrigin_IsRefused()
    {
        using var server = new AuthServerFactory();
        await server.CreateClient().LoginAsync();
        await using var api = await InProcessApi.StartAsync(server);
        await api.RefreshStatusListsAsync();

        var withoutStatus = await api.GetOrdersAsync(SignedByTheServer(server, []));
        var elsewhere = await api.GetOrdersAsync(SignedByTheServer(server, new Dictionary<string, object>
        {
            ["status"] = new Dictionary<string, object> { ["status_list"] = new Dictionary<string, object> { ["idx"] = 0, ["uri"] = "https://attacker.example/status-lists/0" } },
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutStatus.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
    }

    [Fact]
    public async Task AListSignedWithAnotherKey_OrDescribingAnotherList_IsNotTaken()
    {
        using var server = new AuthServerFactory();
        var tokens = await server.CreateClient().LoginAsync();
        var forged = new ForgedListHandler(server.Server.CreateHandler());
        await using var api = await InProcessApi.StartAsync(server, backchannel: forged);

        await api.RefreshStatusListsAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetOrdersAsync(tokens.AccessToken)).StatusCode);
        forged.Forge = false;
        await api.RefreshStatusListsAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetOrdersAsync(tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task ACriticalHeader_IsRefused()
    {
        using var server = new AuthServerFactory();
        var tokens = await server.CreateClient().LoginAsync();
        await using var api = await InProcessApi.StartAsync(server);
        await api.RefreshStatusListsAsync();
        var claims = new JsonWebToken(tokens.AccessToken).Claims.Where(c => c.Type != "status").GroupBy(c => c.Type).ToDictionary(g => g.Key, g => (object)g.First().Value);
        claims["status"] = new Dictionary<string, object> { ["status_list"] = new Dictionary<string, object> { ["idx"] = StatusListReader.EntryOf(tokens.AccessToken).Index, ["uri"] = StatusListReader.EntryOf(tokens.AccessToken).Uri } };

        var response = await api.GetOrdersAsync(SignedByTheServer(server, claims, new Dictionary<string, object> { ["crit"] = new[] { "exp" } }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>An access token signed with the server's own current key, with the claims given and those every token has.</summary>
    private static string SignedByTheServer(AuthServerFactory server, Dictionary<string, object> claims, Dictionary<string, object>? header = null)
    {
        var now = server.Clock.GetUtcNow().UtcDateTime;
        claims.TryAdd("sub", Guid.NewGuid().ToString());
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = "https://auth.test",
            Audience = "test-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = server.Services.GetRequiredService<SigningKeyRing>().Current,
            Claims = claims,
            AdditionalHeaderClaims = header,
        });
    }

    /// <summary>Passes requests on, or fails them as an unreachable server would.</summary>
    private sealed class SwitchableHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public bool Down { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Down ? throw new HttpRequestException("AuthServer is unreachable.") : base.SendAsync(request, cancellationToken);
    }

    /// <summary>Answers a list request, while <see cref="Forge"/>, with a list signed by another key, or one about another list.</summary>
    private sealed class ForgedListHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        private int _requests;

        public bool Forge { get; set; } = true;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!Forge || !request.RequestUri!.AbsolutePath.StartsWith("/status-lists/", StringComparison.Ordinal))
            {
                return response;
            }

            var genuine = new JsonWebToken(await response.Content.ReadAsStringAsync(cancellationToken));
            var otherList = Interlocked.Increment(ref _requests) % 2 == 0;
            var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                TokenType = "statuslist+jwt",
                Issuer = genuine.Issuer,
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = otherList ? genuine.Subject + "0" : genuine.Subject,
                    ["ttl"] = 60,
                    ["status_list"] = new Dictionary<string, object> { ["bits"] = 1, ["lst"] = "eNrbuRgAAhcBXQ" },
                },
                SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_otherKey) { KeyId = genuine.Kid }, SecurityAlgorithms.EcdsaSha256),
            });
            response.Content = new StringContent(forged, System.Text.Encoding.ASCII, "application/statuslist+jwt");
            return response;
        }

        protected override void Dispose(bool disposing)
        {
            _otherKey.Dispose();
            base.Dispose(disposing);
        }
    }
}
