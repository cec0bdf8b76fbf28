using System.Net;
using System.Net.Http.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Features;

public sealed class RegistrationDisabledTests
{
    [Fact]
    public async Task Register_WhenDisabled_Returns404AndStoresNothing()
    {
        using var factory = new AuthServerFactory(new Dictionary<string, string?> { ["Auth:AllowRegistration"] = "false" });
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/register", new { username = "someone", password = TestUser.DefaultPassword });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await factory.CountRowsAsync());
    }
}
