using System.Net;
using System.Security.Cryptography;
using AuthServer.SigningKeys;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.SigningKeys;

/// <summary>
/// Signing keys rotate by themselves on the test clock (defaults: a key signs for 30 days, its successor is announced
/// a day before, access tokens live 15 minutes, 30 s of skew). The maintenance pass is driven by hand after the clock
/// moves; its one-minute timer never fires during a test.
/// </summary>
public sealed class SigningKeyRotationTests
{
    private static readonly TimeSpan Rotation = TimeSpan.FromDays(30);
    private static readonly TimeSpan Announcement = TimeSpan.FromDays(1);
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public async Task Successor_IsPublishedADayBeforeItSigns_AndSignsTheMomentItActivates(string algorithm)
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:SigningAlgorithm"] = algorithm });
        var client = factory.CreateClient();
        var first = KidOf((await client.LoginAsync()).AccessToken);

        factory.Clock.Advance(Rotation - Announcement - TimeSpan.FromSeconds(1));
        await RunMaintenanceAsync(factory);
        Assert.Equal([first], await client.GetJwksKidsAsync());

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await RunMaintenanceAsync(factory);
        var kids = await client.GetJwksKidsAsync();
        Assert.Equal(2, kids.Length);
        Assert.Equal(first, kids[0]);
        var second = kids[1];
        Assert.Equal(first, KidOf((await client.LoginAsync()).AccessToken));

        factory.Clock.Advance(Announcement - TimeSpan.FromSeconds(1));
        Assert.Equal(first, KidOf((await client.LoginAsync()).AccessToken));

        // No maintenance pass in between: the ring picks the signing key from the clock at each token.
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var tokens = await client.LoginAsync();
        Assert.Equal(second, KidOf(tokens.AccessToken));
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task PreviousKey_VerifiesItsLastTokensUntilTheyExpirePlusSkew_ThenLeavesTheJwksAndIsErased()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var first = KidOf((await client.LoginAsync()).AccessToken);
        factory.Clock.Advance(Rotation - Announcement);
        await RunMaintenanceAsync(factory);
        factory.Clock.Advance(Announcement - TimeSpan.FromSeconds(1));
        var last = await client.LoginAsync();
        var firstKey = Ring(factory).Current;
        Assert.Equal(first, KidOf(last.AccessToken));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var activation = factory.Clock.GetUtcNow();
        var fresh = await client.LoginAsync();
        var second = KidOf(fresh.AccessToken);
        Assert.NotEqual(first, second);

        // The last token of the old key: 15 minutes from one second before the switch, plus 30 s of skew.
        factory.Clock.Advance(Retention - TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(last.AccessToken)).StatusCode);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        (await client.GetProtectedAsync(last.AccessToken)).AssertInvalidTokenChallenge();

        // The key itself verifies until the same span after the switch: shown with a token it signs now.
        var signedByOldKey = ForgedTokens.LikeRealToken(fresh.AccessToken, firstKey, factory.Clock.GetUtcNow());
        factory.Clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.Equal([first, second], await client.GetJwksKidsAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(signedByOldKey)).StatusCode);

        factory.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(activation + Retention, factory.Clock.GetUtcNow());
        Assert.Equal([second], await client.GetJwksKidsAsync());
        (await client.GetProtectedAsync(signedByOldKey)).AssertInvalidTokenChallenge();
        var now = await client.LoginAsync();
        Assert.Equal(second, KidOf(now.AccessToken));
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(now.AccessToken)).StatusCode);

        await RunMaintenanceAsync(factory);
        var stored = await factory.QueryAsync(db => db.SigningKeys.SingleAsync(k => k.Id == first));
        Assert.Equal((activation + Retention).UtcDateTime, stored.RetiredAtUtc);
        Assert.Empty(stored.ProtectedPrivateKey);
    }

    [Fact]
    public async Task Restart_KeepsTheKeysAndWhenTheySign()
    {
        using var storage = new TestStorage();
        var clock = new TestTimeProvider();
        var first = new AuthServerFactory(new Dictionary<string, string?>(), storage, clock);
        var client = first.CreateClient();
        clock.Advance(Rotation - Announcement);
        await RunMaintenanceAsync(first);
        var kids = await client.GetJwksKidsAsync();
        var before = await client.LoginAsync();
        await first.DisposeAsync();

        using var second = new AuthServerFactory(new Dictionary<string, string?>(), storage, clock);
        client = second.CreateClient();

        Assert.Equal(2, kids.Length);
        Assert.Equal(kids, await client.GetJwksKidsAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(before.AccessToken)).StatusCode);
        Assert.Equal(kids[0], KidOf((await client.LoginAsync()).AccessToken));
        clock.Advance(Announcement);
        Assert.Equal(kids[1], KidOf((await client.LoginAsync()).AccessToken));
    }

    [Fact]
    public async Task TwoInstances_OverOneDatabase_CreateOneSuccessorAndAgreeOnTheSigningKey()
    {
        using var storage = new TestStorage();
        var clock = new TestTimeProvider();
        await using var a = new AuthServerFactory(new Dictionary<string, string?>(), storage, clock);
        var clientA = a.CreateClient();
        await clientA.GetAsync("/health");
        await using var b = new AuthServerFactory(new Dictionary<string, string?>(), storage, clock);
        var clientB = b.CreateClient();

        for (var round = 1; round <= 3; round++)
        {
            clock.Advance(Rotation - Announcement);
            // On threads of their own: SQLite calls complete synchronously, so plain WhenAll would run one pass after the other.
            await Task.WhenAll(Task.Run(() => RunMaintenanceAsync(a)), Task.Run(() => RunMaintenanceAsync(b)));

            Assert.Equal(round + 1, await a.QueryAsync(db => db.SigningKeys.CountAsync()));
            Assert.Equal(await clientA.GetJwksKidsAsync(), await clientB.GetJwksKidsAsync());
            clock.Advance(Announcement);
            var fromA = await clientA.LoginAsync();
            var fromB = await clientB.LoginAsync();
            Assert.Equal(KidOf(fromA.AccessToken), KidOf(fromB.AccessToken));
            Assert.Equal((await clientA.GetJwksKidsAsync())[^1], KidOf(fromA.AccessToken));
            Assert.Equal(HttpStatusCode.OK, (await clientA.GetProtectedAsync(fromB.AccessToken)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await clientB.GetProtectedAsync(fromA.AccessToken)).StatusCode);
        }
    }

    [Fact]
    public async Task AnnouncedKey_IsAccepted_FromAnInstanceWhoseClockIsAFewSecondsAhead()
    {
        using var storage = new TestStorage();
        var behind = new TestTimeProvider();
        var ahead = new TestTimeProvider(TestTimeProvider.Start + TimeSpan.FromSeconds(10));
        await using var a = new AuthServerFactory(new Dictionary<string, string?>(), storage, behind);
        var clientA = a.CreateClient();
        var first = KidOf((await clientA.LoginAsync()).AccessToken);
        await using var b = new AuthServerFactory(new Dictionary<string, string?>(), storage, ahead);
        var clientB = b.CreateClient();
        var successor = (await a.Services.GetRequiredService<SigningKeyMaintenance>().RotateNowAsync())!;
        await RunMaintenanceAsync(b);

        // B's clock has passed the activation, A's has not: B signs with the new key while A only knows it as announced.
        behind.Advance(Announcement - TimeSpan.FromSeconds(5));
        ahead.Advance(Announcement - TimeSpan.FromSeconds(5));
        var fromB = await clientB.LoginAsync();
        var fromA = await clientA.LoginAsync();

        Assert.Equal(successor.Id, KidOf(fromB.AccessToken));
        Assert.Equal(first, KidOf(fromA.AccessToken));
        Assert.Equal(HttpStatusCode.OK, (await clientA.GetProtectedAsync(fromB.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetProtectedAsync(fromA.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task HS256_PublishesNothingAndNeverRotates()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Auth:SigningAlgorithm"] = "HS256",
            ["Auth:SigningSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        });
        var client = factory.CreateClient();
        var kid = KidOf((await client.LoginAsync()).AccessToken);

        factory.Clock.Advance(3 * Rotation);
        await RunMaintenanceAsync(factory);
        await factory.Services.GetRequiredService<SigningKeyMaintenance>().RotateNowAsync();

        Assert.Empty(await client.GetJwksKidsAsync());
        Assert.Equal(kid, KidOf((await client.LoginAsync()).AccessToken));
        Assert.Equal(0, await factory.QueryAsync(db => db.SigningKeys.CountAsync()));
    }

    private static Task RunMaintenanceAsync(AuthServerFactory factory) =>
        factory.Services.GetRequiredService<SigningKeyMaintenance>().RunOnceAsync();

    private static SigningKeyRing Ring(AuthServerFactory factory) => factory.Services.GetRequiredService<SigningKeyRing>();

    private static string KidOf(string accessToken) => new JsonWebToken(accessToken).Kid;
}
