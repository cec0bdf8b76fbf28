using System.Net;
using AuthServer.Tests.Infrastructure;
using AuthServer.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthServer.Tests.Users;

/// <summary>A login that checked the old password while the password changed must not come out with a session.</summary>
public sealed class PasswordChangeRaceTests
{
    private const string NewPassword = "copper meadow kettle 42";

    [Fact]
    public async Task LoginInFlight_DuringPasswordChange_GetsNoSession()
    {
        using var factory = new AuthServerFactory();
        var user = await factory.CreateClient().RegisterAsync();
        var tokens = await factory.CreateClient().LoginAsync(user);
        var (server, gate) = WithGate(factory, user.Password);
        using var _ = server;
        var client = server.CreateClient();

        var inFlight = client.PostLoginAsync(user);
        await gate.Entered;
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostChangePasswordAsync(tokens.AccessToken, user.Password, NewPassword)).StatusCode);
        gate.Open();

        await (await inFlight).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        Assert.Equal(0, await factory.QueryAsync(db => db.Sessions.CountAsync(s => s.User.Username == user.Username && s.RevokedAtUtc == null)));
    }

    [Fact]
    public async Task LoginThatUpgradesTheHash_DuringPasswordChange_DoesNotRestoreTheOldPassword()
    {
        using var storage = new TestStorage();
        var clock = new TestTimeProvider();
        var before = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:Password:WorkFactor"] = "4" }, storage, clock);
        var user = await before.CreateClient().RegisterAsync();
        var tokens = await before.CreateClient().LoginAsync(user);
        await before.DisposeAsync();
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:Password:WorkFactor"] = "5" }, storage, clock);
        var (server, gate) = WithGate(factory, user.Password);
        using var _ = server;
        var client = server.CreateClient();

        var inFlight = client.PostLoginAsync(user);
        await gate.Entered;
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostChangePasswordAsync(tokens.AccessToken, user.Password, NewPassword)).StatusCode);
        gate.Open();
        await inFlight;

        await (await client.PostLoginAsync(user)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        await client.LoginAsync(user with { Password = NewPassword });
    }

    private static (WebApplicationFactory<Program> Server, GatedPasswordHasher Gate) WithGate(AuthServerFactory factory, string password)
    {
        GatedPasswordHasher? gate = null;
        var server = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IPasswordHasher>(provider => gate = new GatedPasswordHasher(
                new BcryptPasswordHasher(provider.GetRequiredService<IOptions<PasswordOptions>>()), password))));
        server.CreateClient();
        _ = server.Services.GetRequiredService<IPasswordHasher>();
        return (server, gate!);
    }
}
