using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Users;

public sealed class PasswordRehashTests
{
    [Fact]
    public async Task Login_AfterTheWorkFactorWasRaised_UpgradesTheStoredHash()
    {
        using var storage = new TestStorage();
        var clock = new TestTimeProvider();
        var before = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:Password:WorkFactor"] = "4" }, storage, clock);
        var user = await before.CreateClient().RegisterAsync();
        await before.DisposeAsync();

        using var after = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:Password:WorkFactor"] = "5" }, storage, clock);
        await after.CreateClient().LoginAsync(user);

        var hash = await after.QueryAsync(db => db.Users.Where(u => u.Username == user.Username).Select(u => u.PasswordHash).SingleAsync());
        Assert.Matches(@"^\$2[abxy]\$05\$", hash);
        await after.CreateClient().LoginAsync(user);
    }
}
