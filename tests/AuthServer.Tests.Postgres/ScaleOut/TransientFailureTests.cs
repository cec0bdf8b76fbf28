using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.ScaleOut;

/// <summary>A serialization failure or deadlock is retried; one that outlasts the retries is a 503 that changed nothing, never a 500.</summary>
public sealed class TransientFailureTests
{
    [Fact]
    public async Task Refresh_ThatHitsTwoSerializationFailures_IsRetriedAndSucceeds()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();
        await FailRefreshTokenUpdatesAsync(factory, times: 2);

        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, (await client.GetProtectedAsync(refreshed.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Refresh_ThatKeepsFailing_Is503WithRetryAfter_AndConsumesNothing()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync();
        await FailRefreshTokenUpdatesAsync(factory, times: 100);

        var response = await client.PostRefreshAsync(tokens.RefreshToken!);

        await response.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "temporarily_unavailable");
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        Assert.Equal(0, await factory.QueryAsync(db => db.RefreshTokens.CountAsync(t => t.ConsumedAtUtc != null)));
        await factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER fail_updates ON \"RefreshTokens\";"));
        await client.RefreshAsync(tokens.RefreshToken!);
    }

    /// <summary>The next <paramref name="times"/> updates of a refresh token fail as a serialization failure (SQLSTATE 40001) would.</summary>
    private static Task<int> FailRefreshTokenUpdatesAsync(AuthServerFactory factory, int times)
    {
        var sql = $$"""
            CREATE SEQUENCE failures;
            CREATE FUNCTION fail_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF nextval('failures') <= {{times.ToString(System.Globalization.CultureInfo.InvariantCulture)}} THEN RAISE EXCEPTION 'simulated serialization failure' USING ERRCODE = '40001'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER fail_updates BEFORE UPDATE ON "RefreshTokens" FOR EACH ROW EXECUTE FUNCTION fail_update();
            """;
        return factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync(sql));
    }
}
