using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AuthServer.Tests.Features;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_DatabaseAnswers_Returns200()
    {
        using var factory = new AuthServerFactory();

        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_DatabaseGone_Returns503()
    {
        using var factory = new AuthServerFactory();
        var client = factory.CreateClient();
        await client.GetAsync("/health");
        SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(factory.Folder, "auth.db"));
        File.Delete(Path.Combine(factory.Folder, "auth.db-wal"));
        File.Delete(Path.Combine(factory.Folder, "auth.db-shm"));
        Directory.CreateDirectory(Path.Combine(factory.Folder, "auth.db")); // a folder where the file was: SQLite cannot open it

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
