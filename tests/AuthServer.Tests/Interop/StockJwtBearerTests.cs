using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AuthServer.SigningKeys;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.Interop;

/// <summary>
/// Another team's API, configured with nothing but the stock <c>AddJwtBearer</c> (Authority, Audience), trusts
/// AuthServer through discovery and the JWKS. Both run on Kestrel at 127.0.0.1. The resource server reads the real
/// clock, so AuthServer's test clock starts close to today (in the past where a test moves it forward) and every
/// token the resource server sees is live by the real clock too: what it refuses, it refuses for its key.
/// </summary>
public sealed class StockJwtBearerTests
{
    private const string Audience = "test-api";
    private static readonly TimeSpan Announcement = TimeSpan.FromDays(1);
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StockJwtBearer_AcceptsAnAccessTokenThroughDiscoveryAndJwks()
    {
        await using var auth = LoopbackAuthServer.Start(clock: new TestTimeProvider(DateTimeOffset.UtcNow));
        await using var api = await StockResourceServer.StartAsync(auth.Issuer, Audience);
        var tokens = await auth.Client.LoginAsync();

        var response = await api.GetAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new JsonWebToken(tokens.AccessToken).Subject, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StockJwtBearer_RequireRole_ReadsTheRolesClaim()
    {
        await using var auth = LoopbackAuthServer.Start(clock: new TestTimeProvider(DateTimeOffset.UtcNow));
        await using var api = await StockResourceServer.StartAsync(auth.Issuer, Audience);
        var editor = await auth.Client.RegisterAsync();
        await auth.Factory.GrantRoleAsync(editor, "editor");

        var withRole = await api.GetAsync((await auth.Client.LoginAsync(editor)).AccessToken, StockResourceServer.EditorPath);
        var withoutRole = await api.GetAsync((await auth.Client.LoginAsync()).AccessToken, StockResourceServer.EditorPath);

        Assert.Equal(HttpStatusCode.OK, withRole.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.StatusCode);
    }

    [Fact]
    public async Task StockJwtBearer_RefusesGarbageAndForgedTokens()
    {
        await using var auth = LoopbackAuthServer.Start(clock: new TestTimeProvider(DateTimeOffset.UtcNow));
        await using var api = await StockResourceServer.StartAsync(auth.Issuer, Audience);
        var real = (await auth.Client.LoginAsync()).AccessToken;
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(real)).StatusCode);
        var now = auth.Factory.Clock.GetUtcNow();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var attackerKey = new ECDsaSecurityKey(attacker) { KeyId = new JsonWebToken(real).Kid };
        var parts = real.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"name\":\"", "\"name\":\"admin-", StringComparison.Ordinal);

        string[] forged =
        [
            "not-a-jwt",
            $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}",
            ForgedTokens.LikeRealToken(real, new SigningCredentials(attackerKey, SecurityAlgorithms.EcdsaSha256), now),
            $"{Base64Url.EncodeToString("""{"alg":"none","typ":"at+jwt"}"""u8)}.{parts[1]}.",
        ];

        foreach (var token in forged)
        {
            AssertRefused(await api.GetAsync(token), because: "");
        }
    }

    [Fact]
    public async Task StockJwtBearer_ThatReadTheJwksDuringTheAnnouncement_AcceptsTheNewKeysFirstToken()
    {
        // Announced for 5 minutes instead of a day, so that the tokens of both keys are live by the real clock.
        var announcement = TimeSpan.FromMinutes(5);
        var clock = new TestTimeProvider(DateTimeOffset.UtcNow - announcement);
        await using var auth = LoopbackAuthServer.Start(new Dictionary<string, string?> { ["Auth:SigningKeys:AnnouncementPeriod"] = "00:05:00" }, clock);
        var old = (await auth.Client.LoginAsync()).AccessToken;
        var successor = await Maintenance(auth).RotateNowAsync();

        await using var api = await StockResourceServer.StartAsync(auth.Issuer, Audience);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(old)).StatusCode);
        clock.Advance(announcement);
        var fresh = (await auth.Client.LoginAsync()).AccessToken;

        Assert.Equal(successor!.Id, new JsonWebToken(fresh).Kid);
        Assert.NotEqual(new JsonWebToken(old).Kid, successor.Id);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(fresh)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(old)).StatusCode);
    }

    [Fact]
    public async Task StockJwtBearer_RefusesTheTokensOfARetiredKey_ForTheirKey()
    {
        // The clock ends a minute before today: the whole rotation happened in the past, and the new key's tokens are live.
        var clock = new TestTimeProvider(DateTimeOffset.UtcNow - Announcement - Retention - TimeSpan.FromMinutes(1));
        await using var auth = LoopbackAuthServer.Start(clock: clock);
        var old = (await auth.Client.LoginAsync()).AccessToken;
        var oldKey = auth.Factory.Services.GetRequiredService<SigningKeyRing>().Current;
        await Maintenance(auth).RotateNowAsync();
        clock.Advance(Announcement + Retention);
        await Maintenance(auth).RunOnceAsync();
        var fresh = (await auth.Client.LoginAsync()).AccessToken;
        Assert.Equal([new JsonWebToken(fresh).Kid], await auth.Client.GetJwksKidsAsync());

        await using var api = await StockResourceServer.StartAsync(auth.Issuer, Audience);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(fresh)).StatusCode);
        // IdentityModel checks the lifetime before the signature: the old key's own tokens fail on expiry, as they would anywhere.
        AssertRefused(await api.GetAsync(old), because: "The token expired at");
        // A token the retired key signed just now, live by every clock, is refused for its key: the key is gone.
        AssertRefused(await api.GetAsync(ForgedTokens.LikeRealToken(fresh, oldKey, clock.GetUtcNow())), because: "The signature key was not found");
    }

    private static SigningKeyMaintenance Maintenance(LoopbackAuthServer auth) =>
        auth.Factory.Services.GetRequiredService<SigningKeyMaintenance>();

    /// <summary>JwtBearer's own RFC 6750 refusal; it describes only the failures it recognizes.</summary>
    private static void AssertRefused(HttpResponseMessage response, string because)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.StartsWith("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains(because, challenge.Parameter, StringComparison.Ordinal);
    }
}
