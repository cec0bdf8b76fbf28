using System.Net;
using AuthServer.Tests.Infrastructure;

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
        factory.Storage.BreakDatabase();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
